import { z } from "zod";

export const RunCommandArgs = z.object({
  command: z.string().describe("Command line to run"),
  timeoutMs: z.number().optional(),
});

export const ReadLogArgs = z.object({
  path: z.string(),
  lines: z.number().int().optional().describe("How many lines from the end"),
});
