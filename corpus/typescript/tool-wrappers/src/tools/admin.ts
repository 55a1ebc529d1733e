import Fastify from "fastify";
import { createContext } from "../context.js";
import { server } from "../tickets.js";

const ctx = createContext(server);

ctx.guardedTool(
  "purge_queue",
  { description: "Delete every queued ticket", annotations: { destructiveHint: true } },
  async () => ({ content: [] }),
);

ctx.register("queue_depth", { description: "Tickets waiting" }, async () => ({ content: [] }));

const app = Fastify();
const plugin = async () => {};
app.register(plugin);
