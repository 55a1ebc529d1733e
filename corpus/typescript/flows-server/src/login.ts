import open from "open";
import { exec } from "node:child_process";

// An MCP client's login: OAuth discovery metadata fetched from the server it connects to
export async function login(serverUrl: string): Promise<void> {
  const res = await fetch(new URL("/.well-known/oauth-authorization-server", serverUrl));
  const metadata = await res.json();
  const authUrl = new URL(metadata.authorization_endpoint);
  authUrl.searchParams.set("client_id", "mcp-client");
  await open(authUrl.toString());
}

export async function loginWithShell(serverUrl: string): Promise<void> {
  const meta = await (await fetch(`${serverUrl}/.well-known/oauth-authorization-server`)).json();
  exec(`xdg-open "${meta.authorization_endpoint}"`);
}

// safe twin: only an https URL is opened
export async function loginChecked(serverUrl: string): Promise<void> {
  const meta = await (await fetch(`${serverUrl}/.well-known/oauth-authorization-server`)).json();
  const url = assertHttpsUrl(meta.authorization_endpoint);
  await open(url);
}

function assertHttpsUrl(u: string): string {
  if (new URL(u).protocol !== "https:") throw new Error("refusing a non-https authorization endpoint");
  return u;
}
