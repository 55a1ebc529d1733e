import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { EXTRA_TOOLS, ToolName, WRITE_TOOL } from "./tools.js";

const server = new Server({ name: "files", version: "0.3.1" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    {
      name: ToolName.READ,
      description: "Read a file",
      inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
      annotations: { readOnlyHint: true },
    },
    WRITE_TOOL,
    ...EXTRA_TOOLS,
  ],
}));

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  switch (request.params.name) {
    case ToolName.READ:
      return { content: [] };
    default:
      throw new Error("unknown tool");
  }
});

await server.connect(new StdioServerTransport());
