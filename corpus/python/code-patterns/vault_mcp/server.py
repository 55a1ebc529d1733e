import os
from pathlib import Path

import httpx
import requests
from mcp.server.fastmcp import FastMCP
from starlette.middleware.cors import CORSMiddleware

from .auth import check_token

ROOT = os.path.realpath(os.environ.get("VAULT_ROOT", "."))
ALLOWED_DIRS = [os.path.abspath(d) for d in os.environ.get("VAULT_DIRS", ".").split(":")]
STATUS_BASE_URL = "https://status.example.com"
PLUGIN_PACKAGE = "vault_mcp.plugins."

mcp = FastMCP("vault")


def inside_root_loose(requested: str) -> bool:
    # vulnerable: "/srv/vault" admits "/srv/vault-old"
    real = os.path.realpath(requested)
    return real.startswith(ROOT)


def inside_any_loose(requested: str) -> bool:
    # vulnerable: pathlib turned into strings
    target = Path(requested).resolve()
    return any(str(target).startswith(d) for d in ALLOWED_DIRS)


def inside_root(requested: str) -> bool:
    # safe: separator-terminated prefix, commonpath, is_relative_to
    real = os.path.realpath(requested)
    if real == ROOT or real.startswith(ROOT + os.sep):
        return True
    if os.path.commonpath([real, ROOT]) == ROOT:
        return True
    return Path(real).is_relative_to(ROOT)


def is_status_url(url: str) -> bool:
    # not a path: a URL compared with a base URL
    return url.startswith(STATUS_BASE_URL)


def hidden(name: str) -> bool:
    return name.startswith(".")


def plugin_module(name: str) -> str:
    # not a path: a dotted module name
    module_path = "vault_mcp.plugins." + name
    if not module_path.startswith(PLUGIN_PACKAGE) or len(module_path) > 200:
        raise ValueError(name)
    return module_path


def has_tag(label: str, tag: str, base_dir: str) -> bool:
    # not a containment check (the `or` is no binding of `tag`, its sibling parameter says
    # nothing about it)
    return not label.startswith(tag) or len(base_dir) > 100


@mcp.tool()
def read_secret(path: str, token: str) -> str:
    """Read a secret file from the vault."""
    check_token(token)
    if hidden(path) or has_tag(path, "tmp", ROOT) or not (inside_root_loose(path) and inside_any_loose(path) and inside_root(path)):
        raise ValueError("denied")
    with open(path) as f:
        return f.read()


@mcp.tool()
def service_status(url: str) -> str:
    """Check a status page."""
    if not is_status_url(url):
        raise ValueError("unknown service")
    # TLS verification off twice; a CA bundle is fine
    requests.get(url, verify=False, timeout=10)
    with httpx.Client(verify=False) as client:
        client.get(url)
    return httpx.get(url, verify="/etc/ssl/certs/internal-ca.pem").text


app = mcp.streamable_http_app()
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["*"])
app.add_middleware(CORSMiddleware, allow_origins=["https://console.example.com"])
