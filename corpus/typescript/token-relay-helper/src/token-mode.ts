import { lookupAccounts } from "./upstream.js";

/** The caller's API token, checked by asking the upstream API who owns it. */
export async function getTokenProps(req) {
  const header = req.get("Authorization");
  if (!header) {
    throw new Error("Authorization header is required");
  }
  const [type, token] = header.split(" ");
  if (type !== "Bearer" || !token) {
    throw new Error("Invalid authorization type, must be Bearer");
  }
  const accounts = await lookupAccounts(token);
  return { accessToken: token, accounts };
}
