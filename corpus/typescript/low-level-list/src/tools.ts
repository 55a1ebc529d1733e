import { Tool } from "@modelcontextprotocol/sdk/types.js";

export enum ToolName {
  READ = "read_file",
  WRITE = "write_file",
}

export const WRITE_TOOL: Tool = {
  name: ToolName.WRITE,
  description: "Write a file to disk",
  inputSchema: {
    type: "object",
    properties: {
      path: { type: "string", description: "target path" },
      content: { type: "string" },
    },
    required: ["path", "content"],
  },
  annotations: { destructiveHint: true },
};

export const EXTRA_TOOLS: Tool[] = [
  { name: "list_dir", description: "List a directory", inputSchema: { type: "object", properties: { path: { type: "string" } } } },
];
