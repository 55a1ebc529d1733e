import { z } from "zod";
import { makeServer } from "@acme/common/src/factory";
import { registerHealth } from "@acme/common/src/health";
import { createRegistry } from "@acme/common/src/registry";
import { NAMES } from "@acme/common/src/names";

const server = makeServer("billing");
registerHealth(server);

createRegistry(server).tool(
  NAMES.REFUND,
  "Refund an invoice",
  { invoiceId: z.string(), amount: z.number().optional() },
  async () => ({ content: [] }),
);
