import { McpServer, createMcpHandler } from "@modelcontextprotocol/server";

function build() {
  const s = new McpServer({ name: "v2-words", version: "3.1.0" });
  s.registerTool("ping_words", { description: "Liveness check" }, async () => ({ content: [] }));
  return s;
}

export default createMcpHandler(() => build());
