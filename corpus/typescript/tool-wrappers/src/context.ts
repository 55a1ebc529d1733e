import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

type Config = { description?: string; annotations?: Record<string, boolean> };
type Callback = () => Promise<{ content: [] }>;

export function createContext(server: McpServer) {
  const register = (name: string, config: Config, cb: Callback) =>
    server.registerTool(name, config, cb);
  return {
    register,
    guardedTool(name: string, config: Config, cb: Callback) {
      return register(name, { ...config, annotations: { ...config.annotations } }, cb);
    },
  };
}
