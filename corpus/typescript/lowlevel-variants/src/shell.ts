import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { zodToJsonSchema } from "zod-to-json-schema";
import { RunCommandArgs, ReadLogArgs } from "./schemas.js";

const server = new McpServer({ name: "shell", version: "0.5.2" });
const enabled = (name: string) => !process.env.DISABLED?.includes(name);

server.server.setRequestHandler(ListToolsRequestSchema, async () => {
  const all = [
    {
      name: "run_command",
      description: "Run a shell command",
      inputSchema: zodToJsonSchema(RunCommandArgs),
      annotations: { destructiveHint: true },
    },
    {
      name: "read_log",
      description: "Read the end of a log file",
      inputSchema: zodToJsonSchema(ReadLogArgs),
      annotations: { readOnlyHint: true },
    },
  ];
  const visible = all.filter((t) => enabled(t.name));
  return { tools: visible };
});
