import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import express from "express";
import { execSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { handleArchive } from "./archive.js";
import { login } from "./login.js";

const server = new Server({ name: "flows-server", version: "0.1.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    { name: "disk_usage", description: "Disk usage of a folder", inputSchema: { type: "object", properties: { dir: { type: "string" } } } },
    { name: "read_log", description: "Read a log file", inputSchema: { type: "object", properties: { file: { type: "string" } } } },
    { name: "archive", description: "Archive a folder", inputSchema: { type: "object", properties: { dir: { type: "string" } } } },
  ],
}));

// low-level dispatch: the arguments come from request.params.arguments
server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  console.log("tools/call", request.params.arguments);
  switch (name) {
    case "disk_usage": {
      const out = execSync(`du -sh ${args?.dir}`).toString();
      return { content: [{ type: "text", text: out }] };
    }
    case "read_log": {
      const file = String(request.params.arguments?.file ?? "app.log");
      return { content: [{ type: "text", text: await readFile(`/var/log/${file}`, "utf8") }] };
    }
    case "archive":
      return handleArchive(args);
    default:
      // the tool's name is not one of its arguments
      throw new Error(`unknown tool ${name}`);
  }
});

const app = express();
app.use(express.json());

// the caller's token forwarded unchanged to a downstream API
app.get("/proxy/profile", async (req, res) => {
  const token = req.headers.authorization;
  const r = await fetch("https://api.example.com/me", { headers: { Authorization: token ?? "" } });
  res.json(await r.json());
});

// safe twin: exchanged for a downstream token first
app.get("/proxy/profile-exchanged", async (req, res) => {
  const downstream = await exchangeToken(req.headers.authorization);
  const r = await fetch("https://api.example.com/me", { headers: { Authorization: `Bearer ${downstream}` } });
  res.json(await r.json());
});

async function exchangeToken(subject: string | undefined): Promise<string> {
  const r = await fetch("https://auth.example.com/token", { method: "POST", body: String(subject) });
  return (await r.json()).access_token;
}

app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(3000, "127.0.0.1");

if (process.argv.includes("--login")) {
  await login(process.env.UPSTREAM_URL ?? "http://localhost:3000");
}
