import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

const HOST = "0.0.0.0";
const PORT = 3000;

// every interface, and no Host check: the SDK only adds one for a localhost host
const app = createMcpExpressApp({ host: HOST });

app.post("/mcp", async (req, res) => {
  const server = new McpServer({ name: "public-listen", version: "1.0.0" });
  server.registerTool(
    "count_items",
    { description: "Count the items of a SKU", inputSchema: { sku: z.string() }, annotations: { readOnlyHint: true } },
    async ({ sku }) => ({ content: [{ type: "text", text: `${sku}: 0` }] }),
  );
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(PORT, HOST);
