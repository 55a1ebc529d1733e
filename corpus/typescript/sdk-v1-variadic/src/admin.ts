import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const ROTATE = "rotate_keys";

export function registerAdminTools(server: McpServer) {
  server.registerTool(
    ROTATE,
    {
      description: "Rotate the signing keys",
      inputSchema: { keyId: z.string() },
      annotations: { destructiveHint: true },
    },
    async () => ({ content: [] }),
  );
}
