import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const server = new McpServer({ name: "acme-files", version: "0.5.0" });
server.tool("read_file", "Read a file", async () => ({ content: [] }));
await server.connect(new StdioServerTransport());
