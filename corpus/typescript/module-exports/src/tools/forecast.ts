import { z } from "zod";

export const name = "get_forecast";

export const description = "Forecast for a station";

const stationId = z.string().describe("Station id");

const baseShape = { station: stationId };

export const inputSchema = {
  ...baseShape,
  days: z.number().optional(),
  properties: z.array(z.string()).optional().describe("Fields to include"),
  metric: z.preprocess((v) => v === "true" || v === true, z.boolean()).optional(),
};

export const annotations = { readOnlyHint: true };

export const execute = async () => ({ content: [] });

export default { name, description, inputSchema, annotations, execute };
