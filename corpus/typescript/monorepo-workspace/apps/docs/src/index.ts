import { z } from "zod";
import { makeServer } from "@acme/common/src/factory";
import { registerHealth } from "@acme/common/src/health";
import { createRegistry } from "@acme/common/src/registry";
import { NAMES } from "@acme/common/src/names";

const server = makeServer("docs");
registerHealth(server);

const reg = createRegistry(server);
reg.tool(NAMES.SEARCH, "Search the documentation", { query: z.string() }, async () => ({
  content: [],
}));
