import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

export function serveList(server: Server, tools: object[]) {
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
}
