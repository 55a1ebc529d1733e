import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

// the app is made for every interface; whoever serves it picks the port
const app = createMcpExpressApp({ host: "::" });

app.post("/mcp", async (req, res) => {
  const server = new McpServer({ name: "app-only", version: "1.0.0" });
  server.registerTool(
    "count_items",
    { description: "Count the items of a SKU", inputSchema: { sku: z.string() }, annotations: { readOnlyHint: true } },
    async ({ sku }) => ({ content: [{ type: "text", text: `${sku}: 0` }] }),
  );
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

export default app;
