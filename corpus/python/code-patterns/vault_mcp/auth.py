import os

import jwt
from mcp.server.fastmcp import FastMCP

SECRET = os.environ["VAULT_JWT_SECRET"]
AUDIENCE = "https://vault.example.com/mcp"
LEGACY = FastMCP  # the SDK marker keeps this module in the scan


def check_token(token: str) -> dict:
    # vulnerable: no audience
    return jwt.decode(token, SECRET, algorithms=["HS256"])


def check_service_token(token: str, key: str) -> dict:
    # vulnerable: audience given, then its check switched off
    return jwt.decode(
        token, key, algorithms=["RS256"], audience=AUDIENCE, options={"verify_aud": False}
    )


def check_user_token(token: str) -> dict:
    # safe: audience checked
    return jwt.decode(token, SECRET, algorithms=["HS256"], audience=AUDIENCE)


def peek(token: str) -> dict:
    # another problem (no signature check), not this one
    return jwt.decode(token, options={"verify_signature": False})
