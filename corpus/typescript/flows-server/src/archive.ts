import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";

export function handleArchive(args: Record<string, unknown> | undefined) {
  const dir = String(args?.dir);
  mkdirSync("/tmp/archives", { recursive: true });
  const r = spawnSync("tar", ["-czf", "/tmp/archives/out.tgz", dir]);
  return { content: [{ type: "text", text: String(r.status) }] };
}
