import express from "express";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { server } from "../server.js";
import config from "../config.js";

const transports = new Map<string, SSEServerTransport>();

export function startSse() {
  const app = express();
  app.get("/sse", async (_req, res) => {
    const transport = new SSEServerTransport("/messages", res);
    transports.set(transport.sessionId, transport);
    await server.connect(transport);
  });
  app.post("/messages", async (req, res) => {
    const t = transports.get(String(req.query.sessionId));
    await t?.handlePostMessage(req, res);
  });
  app.listen(config.port, config.host);
}
