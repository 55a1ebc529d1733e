import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

export function registerFetch(server: McpServer, toolName?: string) {
  server.registerTool(toolName || "fetch_page", { description: "Fetch a page" }, async () => ({
    content: [],
  }));
}
