import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { SHELF_TOOLS } from "./shelf.js";
import { COUNTERS, pingTool } from "./defined.js";

const server = new McpServer({ name: "catalog", version: "2.0.0" });

for (const t of SHELF_TOOLS) {
  server.registerTool(
    t.name,
    { description: t.description, inputSchema: t.shape },
    async () => ({ content: [] }),
  );
}

const LABELS = {
  tag: { name: "add_label", description: "Attach a label to an item" },
  untag: { name: "remove_label", description: "Detach a label from an item" },
} as const;

Object.values(LABELS).forEach((def) => {
  server.tool(def.name, def.description, { item: z.string() }, async () => ({ content: [] }));
});

const REPORTS: Record<string, { summary: string }> = {
  weekly_report: { summary: "Summarise the last seven days" },
  monthly_report: { summary: "Summarise the last month" },
};

for (const [reportName, { summary }] of Object.entries(REPORTS)) {
  server.registerTool(
    reportName,
    { description: summary, annotations: { readOnlyHint: true } },
    async () => ({ content: [] }),
  );
}

[
  { name: "archive_item", readOnly: false },
  { name: "peek_item", readOnly: true },
].forEach(({ name, readOnly }) => {
  server.registerTool(name, { annotations: { readOnlyHint: readOnly } }, async () => ({
    content: [],
  }));
});

function makeDefinition(prefix: string) {
  return { name: `${prefix}_${Date.now()}` };
}

const mixed = [{ name: "fixed_tool" }, makeDefinition("generated")];
for (const m of mixed) {
  server.registerTool(m.name, {}, async () => ({ content: [] }));
}

for (const c of COUNTERS.filter((x) => x.name !== process.env.HIDDEN)) {
  server.registerTool(c.name, { description: c.description }, async () => ({ content: [] }));
}

server.registerTool(pingTool.name, { description: pingTool.description }, async () => ({
  content: [],
}));

server.experimental.tasks.registerToolTask(
  "reindex_catalog",
  {
    description: "Rebuild the search index",
    inputSchema: { full: z.boolean().optional() },
  },
  { createTask: async () => ({ task: { taskId: "1" } }) },
);

await server.connect(new StdioServerTransport());
