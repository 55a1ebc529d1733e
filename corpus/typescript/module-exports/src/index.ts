import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import tools from "./tools/index.js";
import * as names from "./names.js";
import { STATUS_TOOL, RESET_TOOL } from "./constants/index.js";

export const server = new McpServer({ name: "station", version: "1.4.0" });

for (const tool of Object.values(tools)) {
  server.tool(tool.name, tool.description, tool.inputSchema, tool.annotations, tool.execute);
}

server.tool(names.PING, "Health check", async () => ({ content: [] }));

server.registerTool(
  STATUS_TOOL,
  {
    description: "Station status",
    inputSchema: z.preprocess((v) => v, z.object({ verbose: z.boolean().optional() })),
  },
  async () => ({ content: [] }),
);

server.registerTool(
  RESET_TOOL,
  { description: "Reset the station", annotations: { destructiveHint: true } },
  async () => ({ content: [] }),
);
