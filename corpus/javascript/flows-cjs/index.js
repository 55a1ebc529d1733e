const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { execSync, spawn } = require("child_process");
const fs = require("fs");
const https = require("https");
const vm = require("vm");
const axios = require("axios");
const Database = require("better-sqlite3");
const { quote } = require("shell-quote");
const { z } = require("zod");
const { listDir } = require("./lib/files");

const db = new Database("app.db");
const api = axios.create({ baseURL: "https://api.example.com" });
const TABLES = ["users", "orders"];

const server = new McpServer({ name: "flows-cjs", version: "1.0.0" });

server.registerTool("run_script", { description: "Run a JavaScript snippet", inputSchema: { code: z.string() } }, async ({ code }) => {
  const result = vm.runInNewContext(code, {});
  return { content: [{ type: "text", text: String(result) }] };
});

server.registerTool("ping_host", { description: "Ping a host", inputSchema: { host: z.string() } }, async ({ host }) => {
  const out = execSync("ping -c 1 " + host).toString();
  return { content: [{ type: "text", text: out }] };
});

// safe twin: the host is quoted for the shell
server.registerTool("ping_host_safe", { description: "Ping a host", inputSchema: { host: z.string() } }, async ({ host }) => {
  const out = execSync("ping -c 1 " + quote([host])).toString();
  return { content: [{ type: "text", text: out }] };
});

server.registerTool("list_dir", { description: "List a folder", inputSchema: { dir: z.string() } }, async ({ dir }) => {
  return { content: [{ type: "text", text: listDir(dir).join("\n") }] };
});

server.registerTool("download", { description: "Download a file", inputSchema: { url: z.string(), dest: z.string() } }, async ({ url, dest }) => {
  await new Promise((resolve) => https.get(url, (res) => res.pipe(fs.createWriteStream(dest)).on("finish", resolve)));
  return { content: [{ type: "text", text: "done" }] };
});

// safe twin: a path under the client's fixed base URL
server.registerTool("api_get", { description: "Read an API resource", inputSchema: { resource: z.string() } }, async ({ resource }) => {
  const { data } = await api.get(`/v1/${resource}`);
  return { content: [{ type: "text", text: JSON.stringify(data) }] };
});

server.registerTool("clone_repo", { description: "Clone a repository", inputSchema: { repo: z.string() } }, async ({ repo }) => {
  const child = spawn("git", ["clone", "--depth", "1", repo]);
  return { content: [{ type: "text", text: String(child.pid) }] };
});

server.registerTool("count_rows", { description: "Count the rows of a table", inputSchema: { table: z.string() } }, async ({ table }) => {
  const row = db.prepare("SELECT COUNT(*) AS n FROM " + table).get();
  return { content: [{ type: "text", text: String(row.n) }] };
});

// safe twin: the table is one of a fixed list
server.registerTool("count_rows_safe", { description: "Count the rows of a table", inputSchema: { table: z.string() } }, async ({ table }) => {
  if (!TABLES.includes(table)) {
    throw new Error("unknown table");
  }
  const row = db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get();
  return { content: [{ type: "text", text: String(row.n) }] };
});

server.connect(new StdioServerTransport());
