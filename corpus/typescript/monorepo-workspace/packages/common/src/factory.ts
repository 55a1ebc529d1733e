import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

export function makeServer(name: string) {
  return new McpServer({ name, version: "1.0.0" });
}
