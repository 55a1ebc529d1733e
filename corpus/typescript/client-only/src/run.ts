import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const client = new Client({ name: "runner", version: "1.0.0" });
await client.connect(new StdioClientTransport({ command: "node", args: ["server.js"] }));
const tools = await client.listTools();
await client.callTool({ name: "echo", arguments: { text: "hi" } });
console.log(tools.tools.map((t) => t.name));
