import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { registerFetch } from "./fetch.js";
import { registerAll } from "./bulk.js";
import { server } from "./tickets.js";

function setup(target: McpServer) {
  registerFetch(target);
  registerFetch(target, "crawl_page");
  registerAll(target, [
    { name: "export_tickets", description: "Export every ticket" },
    { name: "import_tickets", description: "Import tickets from a file" },
  ]);
}

setup(server);
