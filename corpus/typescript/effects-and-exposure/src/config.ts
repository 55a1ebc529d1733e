import { PublicClientApplication } from "@azure/msal-node";
import { PostHog } from "posthog-node";

// Settings read through small helpers: the names are the helpers' arguments.
export function envStr(name: string): string | undefined {
  return process.env[name] || undefined;
}

export function envInt(...names: string[]): number | undefined {
  for (const n of names) {
    const v = process.env[n];
    if (v) return parseInt(v, 10);
  }
  return undefined;
}

const SEARCH_KEY_VAR = "SEARCH_API_KEY";
export const searchKey = process.env[SEARCH_KEY_VAR];
export const DOCS_BASE = process.env.DOCS_URL || "https://docs.example.com/api";
// an address, not a secret, though its name says "auth"
export const DEFAULT_AUTH_SERVER_URL = "https://login2.acmecorp.io/tenant/7f3a9c";
export const AUTH_BASE = (process.env.AUTH_URL || "https://auth.example.com/").replace(/\/+$/, "");

export const config = {
  port: envInt("OPS_PORT", "PORT") ?? 3000,
  host: envStr("OPS_HOST") ?? "127.0.0.1",
};

export const msal = new PublicClientApplication({ auth: { clientId: envStr("OPS_CLIENT_ID") ?? "" } });
export const analytics = new PostHog(envStr("POSTHOG_KEY") ?? "", { host: "https://eu.i.posthog.com" });

// set for the libraries below, not read
process.env.TZ = "UTC";
