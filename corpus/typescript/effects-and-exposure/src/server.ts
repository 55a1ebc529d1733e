import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { Octokit } from "@octokit/rest";
import { TicketsApi } from "@acme/tickets-client";
import * as jose from "jose";
import express from "express";
import * as fs from "node:fs";
import { execSync } from "node:child_process";
import nodemailer from "nodemailer";
import { Pool } from "pg";
import { z } from "zod";
import { cleanup } from "./storage.js";
import { AUTH_BASE, config } from "./config.js";
import * as search from "./search.js";

const SLACK_TOKEN = "xoxb-2222222222-3333333333-abcdefghijklmnopqrstuvwx";
const WEATHER_API = "https://api.weather.example.com/v1";
const { DATABASE_URL, LOG_LEVEL } = process.env;
const pool = new Pool({ connectionString: DATABASE_URL });
const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });
const mailer = nodemailer.createTransport({ host: "smtp.example.com" });
const ticketsApi = new TicketsApi({ basePath: "https://tickets.example.com/api" });
const jwks = jose.createRemoteJWKSet(new URL(`${AUTH_BASE}/.well-known/jwks.json`));

export const server = new McpServer({ name: "ops-exposed", version: "0.9.0" });

server.registerTool(
  "write_note",
  { description: "Save a note", inputSchema: { path: z.string(), text: z.string() } },
  async ({ path, text }) => {
    await fs.promises.writeFile(path, text);
    return { content: [] };
  },
);

server.registerTool(
  "delete_notes",
  { description: "Remove all notes in a folder", inputSchema: { dir: z.string() } },
  async ({ dir }) => {
    cleanup(dir);
    return { content: [] };
  },
);

server.registerTool(
  "disk_usage",
  { description: "Report disk usage", annotations: { readOnlyHint: true } },
  async () => ({ content: [{ type: "text", text: execSync("du -sh /data").toString() }] }),
);

server.registerTool(
  "save_order",
  { description: "Store an order", inputSchema: { sku: z.string() } },
  async ({ sku }) => {
    await pool.query("INSERT INTO orders (sku) VALUES ($1)", [sku]);
    return { content: [] };
  },
);

server.registerTool(
  "list_orders",
  { description: "List recent orders", annotations: { readOnlyHint: true } },
  async () => {
    const r = await pool.query("SELECT id, sku FROM orders ORDER BY id DESC LIMIT 20");
    return { content: [{ type: "text", text: JSON.stringify(r.rows) }] };
  },
);

server.registerTool(
  "forecast",
  { description: "Weather forecast for a city", inputSchema: { city: z.string() } },
  async ({ city }) => {
    const res = await fetch(`${WEATHER_API}/forecast?city=${city}`);
    const words = /\w+/.exec(city);
    return { content: [{ type: "text", text: String(words) + (await res.text()) }] };
  },
);

server.registerTool(
  "notify",
  { description: "Send a webhook notification", inputSchema: { message: z.string() } },
  async ({ message }) => {
    await fetch(process.env.WEBHOOK_URL!, { method: "POST", body: JSON.stringify({ message }) });
    return { content: [] };
  },
);

server.registerTool(
  "open_issue",
  { description: "Open a GitHub issue", inputSchema: { title: z.string() } },
  async ({ title }) => {
    await octokit.rest.issues.create({ owner: "acme", repo: "ops", title });
    return { content: [] };
  },
);

server.registerTool(
  "email_report",
  { description: "Email the daily report", inputSchema: { to: z.string() } },
  async ({ to }) => {
    await mailer.sendMail({ to, subject: "report", text: LOG_LEVEL ?? "" });
    return { content: [] };
  },
);

server.registerTool(
  "open_ticket",
  { description: "Open a support ticket", inputSchema: { title: z.string() } },
  async ({ title }) => {
    await ticketsApi.createTicket({ title });
    return { content: [] };
  },
);

server.registerTool(
  "search_docs",
  { description: "Search the documentation", inputSchema: { q: z.string() } },
  async ({ q }) => ({ content: [{ type: "text", text: JSON.stringify(await search.searchDocs(q)) }] }),
);

server.registerTool(
  "service_status",
  { description: "Status of the upstream service" },
  async () => {
    const url = "https://status.example.com/api/v2/status.json";
    const res = await fetch(url);
    return { content: [{ type: "text", text: await res.text() }] };
  },
);

const app = express();
app.use(express.json());
const verifier = {
  verifyAccessToken: async (token: string) => {
    const { payload } = await jose.jwtVerify(token, jwks);
    return { token, clientId: String(payload.sub), scopes: [] };
  },
};
app.post("/mcp", requireBearerAuth({ verifier }), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableDnsRebindingProtection: true,
    allowedHosts: ["127.0.0.1"],
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(config.port);
void SLACK_TOKEN;
