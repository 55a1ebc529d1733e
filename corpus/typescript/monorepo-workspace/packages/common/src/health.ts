import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

export function registerHealth(server: McpServer) {
  server.registerTool(
    "health_check",
    { description: "Report service health", annotations: { readOnlyHint: true } },
    async () => ({ content: [] }),
  );
}
