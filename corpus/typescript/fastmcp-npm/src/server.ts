import { FastMCP } from "fastmcp";
import { z } from "zod";

const server = new FastMCP({ name: "weather", version: "0.2.0" });

server.addTool({
  name: "get_forecast",
  description: "Three-day forecast for a city",
  parameters: z.object({ city: z.string().describe("city name"), days: z.number().int().optional() }),
  annotations: { readOnlyHint: true, openWorldHint: true, title: "Forecast" },
  execute: async ({ city }) => `sunny in ${city}`,
});

server.addTool({
  name: "set_alert",
  description: "Subscribe to severe weather alerts",
  parameters: z.object({ city: z.string() }),
  execute: async () => "ok",
});

server.addResource({ uri: "file:///logs/app.log", name: "Application Logs", mimeType: "text/plain", load: async () => ({ text: "" }) });
server.addPrompt({ name: "git-commit", description: "Generate a commit message", load: async () => "" });

server.start({ transportType: "stdio" });
