import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

export const server = new McpServer({ name: "helpdesk", version: "0.9.0" });

interface Definition {
  name: string;
  description: string;
  schema: Record<string, z.ZodTypeAny>;
}

function addTool({ name, description, schema }: Definition) {
  server.registerTool(name, { description, inputSchema: schema }, async () => ({ content: [] }));
}

addTool({
  name: "open_ticket",
  description: "Open a ticket",
  schema: { subject: z.string().describe("One-line summary") },
});

addTool({
  name: "close_ticket",
  description: "Close a ticket",
  schema: { id: z.string() },
});

addTool({ name: `ticket_${process.env.SUFFIX}`, description: "Per-deployment tool", schema: {} });
