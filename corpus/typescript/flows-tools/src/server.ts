import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { exec, execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import * as fs from "node:fs/promises";
import path from "node:path";
import axios from "axios";
import { z } from "zod";
import { db } from "./db.js";
import { saveNote, validatePath, NOTES_DIR } from "./notes.js";

const execFileAsync = promisify(execFile);
const ROOT = "/srv/data";

const server = new McpServer({ name: "flows-tools", version: "0.1.0" });

// ---- shell, argv, eval

server.tool("run_command", "Run a shell command", { command: z.string() }, async ({ command }) => {
  const out = await new Promise<string>((resolve) => exec(command, (_e, stdout) => resolve(stdout)));
  return { content: [{ type: "text", text: out }] };
});

server.registerTool(
  "grep_files",
  { description: "Search with grep through a shell", inputSchema: { pattern: z.string() } },
  async ({ pattern }) => {
    const child = spawn("grep", ["-r", pattern, ROOT], { shell: true });
    return { content: [{ type: "text", text: String(child.pid) }] };
  },
);

server.tool("git_log", "Log of a branch", { branch: z.string() }, async ({ branch }) => {
  const { stdout } = await execFileAsync("git", ["log", "--oneline", branch]);
  return { content: [{ type: "text", text: stdout }] };
});

// safe twin: `--` ends the options, the branch cannot be one
server.tool("git_log_safe", "Log of a branch", { branch: z.string() }, async ({ branch }) => {
  const { stdout } = await execFileAsync("git", ["log", "--oneline", "--", branch]);
  return { content: [{ type: "text", text: stdout }] };
});

// safe twin: a fixed command, the argument only selects among literals
server.tool("uptime", "System uptime", { verbose: z.boolean() }, async ({ verbose }) => {
  const { stdout } = await execFileAsync("uptime", verbose ? ["-p"] : []);
  return { content: [{ type: "text", text: stdout }] };
});

server.tool("calculate", "Evaluate an arithmetic expression", { expression: z.string() }, async (args) => {
  const fn = new Function(`return (${args.expression});`);
  return { content: [{ type: "text", text: String(fn()) }] };
});

// ---- files

server.tool("read_file", "Read a file", { path: z.string() }, async (args) => {
  const text = await fs.readFile(args.path, "utf8");
  return { content: [{ type: "text", text }] };
});

// safe twin: resolved and checked for containment before the read
server.tool("read_file_safe", "Read a file under the data root", { path: z.string() }, async ({ path: p }) => {
  const full = path.resolve(ROOT, p);
  if (!full.startsWith(ROOT + path.sep)) {
    throw new Error("outside the data root");
  }
  const text = await fs.readFile(full, "utf8");
  return { content: [{ type: "text", text }] };
});

// the write happens in a helper of another file
server.tool("write_note", "Write a note", { name: z.string(), body: z.string() }, async ({ name, body }) => {
  await saveNote(name, body);
  return { content: [{ type: "text", text: "saved" }] };
});

// safe twin: a validating helper is called first
server.tool("delete_note", "Delete a note", { name: z.string() }, async ({ name }) => {
  const target = path.join(NOTES_DIR, name);
  await validatePath(target);
  await fs.rm(target);
  return { content: [{ type: "text", text: "deleted" }] };
});

// ---- HTTP

server.tool("fetch_url", "Fetch a web page", { url: z.string() }, async ({ url }) => {
  const res = await fetch(url);
  return { content: [{ type: "text", text: await res.text() }] };
});

// safe twins: the destination is fixed, the argument goes into the path or query
server.tool("search_docs", "Search the docs", { query: z.string() }, async ({ query }) => {
  const res = await fetch(`https://docs.example.com/api/search?q=${encodeURIComponent(query)}`);
  return { content: [{ type: "text", text: await res.text() }] };
});

server.tool("get_repo", "Repository details", { owner: z.string(), repo: z.string() }, async ({ owner, repo }) => {
  const url = `https://api.github.com/repos/${owner}/${repo}`;
  const { data } = await axios.get(url);
  return { content: [{ type: "text", text: JSON.stringify(data) }] };
});

// ---- SQL

server.tool("find_user", "Find a user by name", { name: z.string() }, async ({ name }) => {
  const sql = `SELECT id, email FROM users WHERE name = '${name}'`;
  const rows = await db.query(sql);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});

// safe twin: a parameterised query
server.tool("find_user_safe", "Find a user by name", { name: z.string() }, async ({ name }) => {
  const rows = await db.query("SELECT id, email FROM users WHERE name = $1", [name]);
  return { content: [{ type: "text", text: JSON.stringify(rows) }] };
});

// ---- logging and results

server.tool("debug_echo", "Echo the arguments", { message: z.string() }, async (args) => {
  console.error("debug_echo called with", args);
  // one field is not the whole request: not logged verbatim
  console.error(`message length ${args.message.length}`);
  return { content: [{ type: "text", text: args.message }] };
});

server.tool("show_config", "Show the configuration", {}, async () => {
  return { content: [{ type: "text", text: `endpoint=${process.env.API_URL} token=${process.env.API_TOKEN}` }] };
});

// safe twin: only whether the secret is set
server.tool("show_config_safe", "Show the configuration", {}, async () => {
  const configured = process.env.API_TOKEN ? "set" : "unset";
  return { content: [{ type: "text", text: `token ${configured}` }] };
});

// ---- the caller's token, passed on unchanged (a server-level flow)

server.tool("my_profile", "The caller's profile", {}, async (_args, extra) => {
  const res = await fetch("https://api.example.com/me", {
    headers: { Authorization: `Bearer ${extra.authInfo?.token}` },
  });
  return { content: [{ type: "text", text: await res.text() }] };
});

await server.connect(new StdioServerTransport());
