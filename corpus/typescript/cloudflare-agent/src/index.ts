import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

export class CalcAgent extends McpAgent {
  server = new McpServer({ name: "Calculator", version: "1.0.0" });

  async init() {
    this.server.tool("add", { a: z.number(), b: z.number() }, async ({ a, b }) => ({
      content: [{ type: "text", text: String(a + b) }],
    }));
    this.server.tool(
      "calculate",
      "Apply an operation to two numbers",
      { operation: z.enum(["add", "subtract"]), a: z.number(), b: z.number() },
      async () => ({ content: [] }),
    );
  }
}

export default CalcAgent.serve("/mcp");
