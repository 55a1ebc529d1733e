import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { definitions } from "./definitions.js";
import { serveList } from "./serve.js";

const inbox = new Server({ name: "inbox", version: "0.9.0" }, { capabilities: { tools: {} } });

const TOOLS = definitions();
serveList(inbox, TOOLS);
