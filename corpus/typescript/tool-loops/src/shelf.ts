import { z } from "zod";

export const SHELF_TOOLS = [
  {
    name: "list_shelves",
    description: "List every shelf",
    shape: { floor: z.number().optional().describe("Only this floor") },
  },
  {
    name: "move_shelf",
    description: "Move a shelf to another aisle",
    shape: { id: z.string(), aisle: z.number() },
  },
];
