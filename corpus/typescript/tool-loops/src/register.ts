import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

// Same name as the helper's parameter below; the parameter is not this constant.
export const tool = { name: "decoy_name" };

export function registerOne(server: McpServer, tool: { name: string }) {
  server.registerTool(tool.name, { description: "Registered by a helper" }, async () => ({
    content: [],
  }));
}
