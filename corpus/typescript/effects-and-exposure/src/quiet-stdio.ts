import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

/** Stdio with log lines filtered out of the protocol stream. */
export class QuietStdioServerTransport extends StdioServerTransport {}
