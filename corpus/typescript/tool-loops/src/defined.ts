function defineTool<T extends { name: string }>(definition: T) {
  return definition;
}

export const pingTool = defineTool({ name: "ping_catalog", description: "Liveness check" });

export const COUNTERS = [
  defineTool({ name: "count_items", description: "Count the items of a shelf" }),
  defineTool({ name: "sum_prices", description: "Total price of a shelf" }),
];
