import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

const fake = new McpServer({ name: "fake", version: "0.0.0" });
fake.tool("stub", async () => ({ content: [] }));
