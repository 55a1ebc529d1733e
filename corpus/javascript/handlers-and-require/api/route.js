import { createMcpHandler } from "mcp-handler";
import { z } from "zod";

const handler = createMcpHandler((server) => {
  server.registerTool(
    "roll_dice",
    { description: "Roll an N-sided die", inputSchema: { sides: z.number().int() } },
    async ({ sides }) => ({ content: [{ type: "text", text: String(sides) }] }),
  );
});

export { handler as GET, handler as POST };
