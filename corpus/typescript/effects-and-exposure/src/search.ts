import { DOCS_BASE, searchKey } from "./config.js";

export async function searchDocs(q: string) {
  const url = new URL(`${DOCS_BASE}/search`);
  url.searchParams.set("key", searchKey ?? "");
  const res = await fetch(url.toString() + "&lang=en", { method: "POST", body: JSON.stringify({ q }) });
  return res.json();
}
