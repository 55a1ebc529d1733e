import { McpServer, Server } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";

const low = new Server({ name: "inv-low", version: "2.1.0" }, { capabilities: { tools: {} } });
low.setRequestHandler("tools/list", async () => ({
  tools: [{ name: "count", description: "Count items", inputSchema: { type: "object" } }],
}));

const high = new McpServer({ name: "inv", version: "2.1.0" });
high.registerTool("restock", { description: "Restock an item", annotations: { readOnlyHint: false } }, async () => ({ content: [] }));

serveStdio(() => high);
