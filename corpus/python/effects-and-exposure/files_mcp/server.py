import asyncio
import os
import re
import sqlite3
import subprocess

import aiohttp
import boto3
import chromadb
import httpx
import redis
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP
from mcp.types import ToolAnnotations
from slack_sdk import WebClient

from . import storage
from .config import CACHE_HOST, DOCS_URL
from .storage import purge

OPENAI_API_KEY = "sk-proj-Q7sXv2LmN9pR4tK8wZ1yB6cD3fG5hJ0a"
HOOKS_BASE = "https://hooks.example.com/v2"
API_TOKEN = os.getenv("API_TOKEN")
DB_PATH = os.environ["DB_PATH"]
LOG_LEVEL = os.environ.get("LOG_LEVEL", "info")

mcp = FastMCP(
    "files",
    host="0.0.0.0",
    port=9000,
    auth=AuthSettings(issuer_url="https://auth.example.com", resource_server_url="https://files.example.com", required_scopes=["files"]),
)
db = sqlite3.connect(DB_PATH)
slack = WebClient(token=os.environ["SLACK_BOT_TOKEN"])
cache = redis.Redis(host=CACHE_HOST)
chroma = chromadb.HttpClient(host="chroma.internal.example.com", port=8000)


@mcp.tool()
def write_file(path: str, text: str) -> str:
    """Write text to a file."""
    with open(path, "w") as fh:
        fh.write(text)
    return "ok"


@mcp.tool()
def read_file(path: str) -> str:
    """Read a file."""
    with open(path) as fh:
        return re.compile(r"\s+").sub(" ", fh.read())


@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True))
def tidy(folder: str) -> str:
    """Tidy a folder."""
    purge(folder)
    return "done"


@mcp.tool()
def run_backup() -> str:
    """Run the backup script."""
    return subprocess.run(["/usr/local/bin/backup"], capture_output=True, text=True).stdout


@mcp.tool()
def fetch_status() -> str:
    """Fetch the upstream status page."""
    return httpx.get("https://status.example.com/api/v2/status.json").text


@mcp.tool()
def send_hook(event: str) -> int:
    """Send an event to the hooks service."""
    return httpx.post(f"{HOOKS_BASE}/events", json={"event": event}).status_code


@mcp.tool()
def make_bucket(name: str) -> str:
    """Create a storage bucket."""
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket=name)
    return name


@mcp.tool()
def add_row(value: str) -> str:
    """Insert a row."""
    cur = db.cursor()
    cur.execute("INSERT INTO items (value) VALUES (?)", (value,))
    db.commit()
    return "ok"


@mcp.tool()
def list_rows() -> list[str]:
    """List rows."""
    cur = db.cursor()
    cur.execute("SELECT value FROM items")
    return [r[0] for r in cur.fetchall()]


@mcp.tool()
def announce(text: str) -> str:
    """Announce in the team channel."""
    slack.chat_postMessage(channel="#ops", text=text)
    return "sent"


@mcp.tool()
async def search_docs(q: str) -> dict:
    """Search the documentation."""
    async with aiohttp.ClientSession() as session:
        async with session.post(url=DOCS_URL, json={"q": q}) as resp:
            return await resp.json()


@mcp.tool()
def cache_rename(src: str, dst: str) -> str:
    """Rename a cached entry."""
    r = cache
    r.rename(src, dst)
    r.json().set(dst, "$.renamed", True)
    return dst


@mcp.tool()
def index_note(text: str) -> str:
    """Index a note for semantic search."""
    collection = chroma.get_or_create_collection("notes")
    collection.add(documents=[text], ids=[text[:16]])
    return "indexed"


@mcp.tool()
def archive_folder(folder: str) -> str:
    """Archive a folder."""
    return storage.archive(folder)


async def main() -> None:
    await asyncio.sleep(0)


if __name__ == "__main__":
    asyncio.run(main())
    mcp.run("streamable-http")
