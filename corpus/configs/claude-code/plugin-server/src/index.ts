import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const server = new McpServer({ name: "acme-notes", version: "0.2.0" });
server.tool("list_notes", "List the notes", async () => ({ content: [] }));
await server.connect(new StdioServerTransport());
