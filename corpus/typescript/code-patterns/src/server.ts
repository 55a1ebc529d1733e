import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import express from "express";
import cors from "cors";
import * as https from "node:https";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { z } from "zod";
import { checkToken, checkPartnerToken, checkSessionToken } from "./auth.js";

const allowedDirectories: string[] = process.argv.slice(2).map((d) => path.resolve(d));
const exportRoot = path.resolve(process.env.EXPORT_ROOT ?? "exports");

// vulnerable: "/data/app" admits "/data/app-secrets"
function isAllowedLoose(requested: string): boolean {
  const resolved = path.resolve(requested);
  return allowedDirectories.some((dir) => resolved.startsWith(dir));
}

// vulnerable: the root held in a constant
function inExportRoot(file: string): boolean {
  const absolute = path.resolve(exportRoot, file);
  return absolute.startsWith(exportRoot);
}

// safe: the prefix ends with a separator
function isAllowed(requested: string): boolean {
  const resolved = path.resolve(requested);
  return allowedDirectories.some((dir) => resolved === dir || resolved.startsWith(dir + path.sep));
}

// safe: a separator-terminated prefix held in a variable
function inExportRootStrict(file: string): boolean {
  const absolute = path.resolve(exportRoot, file);
  const rootWithSep = `${exportRoot}/`;
  return absolute.startsWith(rootWithSep);
}

// safe: path.relative and a ".." check
function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return !rel.startsWith("..") && !path.isAbsolute(rel);
}

// not paths: a name filter and a URL path
function matchesPrefix(name: string, prefix: string): boolean {
  return name.startsWith(prefix);
}
function isApiCall(url: URL, basePath: string): boolean {
  return url.pathname.startsWith(basePath);
}
function underFilter(entryPath: string, pathFilter: string): boolean {
  return entryPath.startsWith(pathFilter);
}
function indented(line: string, baseIndent: string): boolean {
  return line.startsWith(baseIndent);
}

export const server = new McpServer({ name: "files-gateway", version: "1.2.0" });

server.registerTool(
  "read_file",
  { description: "Read a file", inputSchema: { path: z.string() } },
  async ({ path: p }) => {
    if (!isAllowedLoose(p) || !isAllowed(p) || !isInside(allowedDirectories[0], p)) {
      throw new Error("denied");
    }
    return { content: [{ type: "text", text: await fs.readFile(p, "utf8") }] };
  },
);

server.registerTool(
  "export_file",
  { description: "Copy a file to the export folder", inputSchema: { name: z.string() } },
  async ({ name }) => {
    if (!inExportRoot(name) || !inExportRootStrict(name) || !matchesPrefix(name, "tmp") || !underFilter(name, "exports/") || indented(name, "  ")) {
      throw new Error("denied");
    }
    await fs.copyFile(name, path.join(exportRoot, name));
    return { content: [] };
  },
);

// TLS verification turned off for a downstream call, and for the whole process
const insecureAgent = new https.Agent({ rejectUnauthorized: false });
const strictAgent = new https.Agent({ rejectUnauthorized: true });
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

const app = express();
// CORS open to every origin, twice; a listed origin is fine
app.use(cors());
app.use("/admin", cors({ origin: ["https://admin.example.com"] }));
app.use((req, res, next) => {
  res.setHeader("Access-Control-Allow-Origin", "*");
  next();
});
app.post("/mcp", async (req, res) => {
  const token = String(req.headers.authorization ?? "").replace(/^Bearer /, "");
  if (!checkToken(token) || !(await checkPartnerToken(token)) || !checkSessionToken(token)) {
    res.status(401).end();
    return;
  }
  if (!isApiCall(new URL(req.url, "http://localhost"), "/mcp")) {
    res.status(404).end();
    return;
  }
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, "127.0.0.1");
export { insecureAgent, strictAgent };
