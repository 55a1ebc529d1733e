import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

// every interface, with the Host header checked against the names the server is reached by
const app = createMcpExpressApp({ host: "0.0.0.0", allowedHosts: ["mcp.example.com"] });

app.post("/mcp", async (req, res) => {
  const server = new McpServer({ name: "allowed-hosts", version: "1.0.0" });
  server.registerTool(
    "count_items",
    { description: "Count the items of a SKU", inputSchema: { sku: z.string() }, annotations: { readOnlyHint: true } },
    async ({ sku }) => ({ content: [{ type: "text", text: `${sku}: 0` }] }),
  );
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000, "0.0.0.0");
