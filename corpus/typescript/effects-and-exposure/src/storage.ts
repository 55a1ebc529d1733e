import { unlinkSync } from "node:fs";
import * as fs from "node:fs";

export function removeNote(path: string) {
  if (fs.existsSync(path)) {
    fs.unlinkSync(path);
  }
}

export function cleanup(dir: string) {
  removeNote(`${dir}/index.json`);
}
