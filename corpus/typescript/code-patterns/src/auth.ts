import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import jwt from "jsonwebtoken";
import { createRemoteJWKSet, jwtVerify } from "jose";

const PUBLIC_KEY = process.env.JWT_PUBLIC_KEY ?? "";
const AUDIENCE = "https://files.example.com/mcp";
const jwks = createRemoteJWKSet(new URL("https://auth.example.com/.well-known/jwks.json"));
const verifyOptions = { audience: AUDIENCE, algorithms: ["RS256" as const] };

export type Server = McpServer;

// vulnerable: no options at all, a literal key (left out of the report)
export function checkLegacyToken(token: string) {
  return jwt.verify(token, "correct-horse-battery-staple");
}

// vulnerable: options without audience
export function checkToken(token: string) {
  return jwt.verify(token, PUBLIC_KEY, { algorithms: ["RS256"] });
}

// vulnerable: jose without audience
export async function checkPartnerToken(token: string) {
  return jwtVerify(token, jwks, { issuer: "https://auth.example.com" });
}

// safe: audience given inline, through a constant, and to jose
export function checkSessionToken(token: string) {
  jwt.verify(token, PUBLIC_KEY, { audience: AUDIENCE, algorithms: ["RS256"] });
  jwt.verify(token, PUBLIC_KEY, verifyOptions);
  return jwtVerify(token, jwks, { issuer: "https://auth.example.com", audience: AUDIENCE });
}

// not known here: options passed in by the caller
export function checkWith(token: string, options: jwt.VerifyOptions) {
  return jwt.verify(token, PUBLIC_KEY, options);
}
