import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { toolList } from "./catalog.js";

export class NotesServer {
  private server: Server;

  constructor() {
    this.server = new Server({ name: "notes", version: "0.5.2" }, { capabilities: { tools: {} } });
    this.installHandlers();
  }

  private installHandlers() {
    const tools = toolList();
    this.server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  }
}
