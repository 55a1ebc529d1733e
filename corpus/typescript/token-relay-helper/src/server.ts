import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

import { getTokenProps } from "./token-mode.js";

const app = express();
app.use(express.json());

app.post("/mcp", async (req, res) => {
  const props = await getTokenProps(req);
  const server = new McpServer({ name: "accounts", version: "1.0.0" });
  server.registerTool(
    "list_accounts",
    { description: "List the caller's accounts", inputSchema: { page: z.number() } },
    async () => ({ content: [{ type: "text", text: JSON.stringify(props.accounts) }] }),
  );
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000, "127.0.0.1");
