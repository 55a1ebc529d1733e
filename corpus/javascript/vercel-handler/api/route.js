import { createMcpHandler } from "mcp-handler";
import { z } from "zod";

const handler = createMcpHandler(
  (server) => {
    server.tool("roll_dice", "Roll an N-sided die", { sides: z.number().int().min(2) }, async ({ sides }) => ({
      content: [{ type: "text", text: String(1 + Math.floor(Math.random() * sides)) }],
    }));
    server.registerTool(
      "send_message",
      { description: "Post a message to the team channel", inputSchema: { text: z.string() } },
      async () => ({ content: [] }),
    );
  },
  { serverInfo: { name: "dice", version: "0.1.0" } },
  { basePath: "/api" },
);

export { handler as GET, handler as POST };
