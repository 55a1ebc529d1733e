import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const server = new McpServer({ name: "weather", version: "1.0.0" });
server.tool("get_forecast", "Forecast for a city", async () => ({ content: [] }));
await server.connect(new StdioServerTransport());
