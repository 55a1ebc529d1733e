import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { PURGE_TOOL, ToolName } from "./names.js";
import { registerAdminTools } from "./admin.js";

const server = new McpServer({ name: "ops", version: "1.4.0" });

server.tool("ping", async () => ({ content: [{ type: "text", text: "pong" }] }));

server.tool("echo", "Echo the input back", async () => ({ content: [] }));

server.tool("add", { a: z.number(), b: z.number().describe("second addend") }, async ({ a, b }) => ({
  content: [{ type: "text", text: String(a + b) }],
}));

// primitive values: this object is annotations, not a schema
server.tool(PURGE_TOOL, { destructiveHint: true, idempotentHint: true }, async () => ({ content: [] }));

server.tool(
  ToolName.Restart,
  "Restart a service by name",
  { service: z.string().describe("systemd unit"), force: z.boolean().optional() },
  async ({ service }) => ({ content: [{ type: "text", text: service }] }),
);

server.tool(
  ToolName.Status,
  { service: z.string() },
  { readOnlyHint: true, openWorldHint: false },
  async () => ({ content: [] }),
);

server.tool(
  "delete_user",
  "Delete a user account",
  { id: z.string().uuid() },
  { destructiveHint: true, readOnlyHint: false, title: "Delete user" },
  async () => ({ content: [] }),
);

server.registerTool(
  "lookup",
  {
    title: "Look up a user",
    description: "Find a user by login email",
    inputSchema: { email: z.string().email().describe("login email") },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async ({ email }) => ({ content: [{ type: "text", text: email }] }),
);

server.registerTool(
  "create_ticket",
  {
    description: "Open a support ticket",
    inputSchema: z.object({ subject: z.string(), body: z.string().optional() }),
  },
  async () => ({ content: [] }),
);

const generated = [
  { name: "export_csv", description: "Export as CSV" },
  { name: "export_json", description: "Export as JSON" },
];
for (const def of generated) {
  server.registerTool(def.name, { description: def.description }, async () => ({ content: [] }));
}

server.resource("config", "config://app", async (uri) => ({ contents: [] }));
server.registerResource(
  "user-profile",
  new ResourceTemplate("users://{id}/profile", { list: undefined }),
  { title: "User profile" },
  async () => ({ contents: [] }),
);
server.prompt("review-code", "Review a diff", { diff: z.string() }, () => ({ messages: [] }));

registerAdminTools(server);

await server.connect(new StdioServerTransport());
