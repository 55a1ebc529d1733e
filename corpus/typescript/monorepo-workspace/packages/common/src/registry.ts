import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { ZodRawShape } from "zod";

export function createRegistry(server: McpServer) {
  return {
    tool(name: string, description: string, shape: ZodRawShape, cb: () => Promise<{ content: [] }>) {
      return server.tool(name, description, shape, cb);
    },
  };
}
