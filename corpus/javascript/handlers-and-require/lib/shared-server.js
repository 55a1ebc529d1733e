const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { TOOL_NAMES } = require("./names");
const defs = require("./defs");

const server = new McpServer({ name: "shared-words", version: "3.1.0" });

server.registerTool(TOOL_NAMES.LOOKUP, { description: "Look a word up" }, async () => ({
  content: [],
}));

for (const d of defs.ALL) {
  server.registerTool(d.name, { description: d.description }, async () => ({ content: [] }));
}

server.connect(new StdioServerTransport());
