import { promises as fs } from "node:fs";
import path from "node:path";

export const NOTES_DIR = "/srv/notes";

export async function saveNote(name: string, body: string): Promise<void> {
  const file = path.join(NOTES_DIR, `${name}.md`);
  await fs.writeFile(file, body, "utf8");
}

export async function validatePath(p: string): Promise<string> {
  const real = await fs.realpath(p);
  if (path.relative(NOTES_DIR, real).startsWith("..")) {
    throw new Error("outside the notes folder");
  }
  return real;
}
