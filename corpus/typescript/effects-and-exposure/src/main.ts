import { server } from "./server.js";
import { QuietStdioServerTransport } from "./quiet-stdio.js";

if (process.argv.includes("--stdio")) {
  await server.connect(new QuietStdioServerTransport());
}
