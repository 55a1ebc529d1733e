import os
import shlex
import sqlite3
import subprocess
from pathlib import Path

import httpx
import requests
from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.fastmcp import Context, FastMCP

from .storage import delete_note_file

NOTES_DIR = Path("/srv/notes")
SERVICE_KEY = os.getenv("SERVICE_API_KEY")

mcp = FastMCP("notes")
db = sqlite3.connect("notes.db")


# ---- shell, argv, eval


@mcp.tool()
def run(command: str) -> str:
    """Run a shell command."""
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout


@mcp.tool()
def list_files(folder: str, ctx: Context) -> str:
    """List a folder."""
    return subprocess.run(["ls", "-la", folder], capture_output=True, text=True).stdout


@mcp.tool()
def list_files_safe(folder: str) -> str:
    """List a folder; `--` ends the options."""
    return subprocess.run(["ls", "-la", "--", folder], capture_output=True, text=True).stdout


@mcp.tool()
def grep(pattern: str) -> str:
    """Search the notes through bash."""
    cmd = f"grep -rn {pattern} {NOTES_DIR}"
    return subprocess.run(["bash", "-c", cmd], capture_output=True, text=True).stdout


@mcp.tool()
def git_status(repo: str) -> int:
    """Status of a repository; the path is quoted for the shell."""
    return os.system("git -C " + shlex.quote(repo) + " status")


@mcp.tool()
def calc(expression: str) -> str:
    """Evaluate an arithmetic expression."""
    return str(eval(expression))


# safe twin: a fixed command
@mcp.tool()
def disk_free(human: bool = True) -> str:
    """Free disk space."""
    args = ["df", "-h"] if human else ["df"]
    return subprocess.run(args, capture_output=True, text=True).stdout


# ---- files


@mcp.tool()
def read_note(name: str) -> str:
    """Read a note."""
    with open(os.path.join(NOTES_DIR, name)) as f:
        return f.read()


@mcp.tool()
def read_note_safe(name: str) -> str:
    """Read a note, refusing paths outside the notes folder."""
    p = (NOTES_DIR / name).resolve()
    if not p.is_relative_to(NOTES_DIR):
        raise ValueError("outside the notes folder")
    return p.read_text()


@mcp.tool()
def save_note(name: str, text: str) -> str:
    """Write a note."""
    (NOTES_DIR / name).write_text(text)
    return "saved"


@mcp.tool()
def delete_note(name: str) -> str:
    """Delete a note."""
    delete_note_file(name)
    return "deleted"


# ---- HTTP


@mcp.tool()
async def fetch_page(url: str) -> str:
    """Fetch a web page."""
    async with httpx.AsyncClient() as client:
        r = await client.get(url)
        return r.text


@mcp.tool()
def weather(city: str) -> str:
    """Current weather; the host is fixed, the city goes into the path and the query."""
    r = requests.get(f"https://api.weather.example/v1/current/{city}", params={"units": "metric", "q": city})
    return r.text


# ---- SQL


@mcp.tool()
def find_notes(author: str) -> list:
    """Notes by an author."""
    cur = db.cursor()
    cur.execute(f"SELECT title FROM notes WHERE author = '{author}'")
    return cur.fetchall()


@mcp.tool()
def count_notes(author: str) -> int:
    """Count notes by an author."""
    query = "SELECT COUNT(*) FROM notes WHERE author = '%s'" % author
    return db.execute(query).fetchone()[0]


# safe twin: a parameterised query
@mcp.tool()
def find_notes_safe(author: str) -> list:
    """Notes by an author."""
    return db.execute("SELECT title FROM notes WHERE author = ?", (author,)).fetchall()


# ---- secrets in results


@mcp.tool()
def diagnostics() -> str:
    """Show the configuration."""
    return f"notes={NOTES_DIR} github={os.environ['GITHUB_TOKEN']}"


@mcp.tool()
def check_service() -> str:
    """Check the service key."""
    if len(SERVICE_KEY or "") < 20:
        raise ValueError(f"service key {SERVICE_KEY} is too short")
    return "ok"


# safe twin: whether the secret is set, not its value
@mcp.tool()
def diagnostics_safe() -> str:
    """Show the configuration."""
    return "service key configured" if SERVICE_KEY else "service key missing"


# ---- the caller's token


@mcp.tool()
async def my_repos() -> str:
    """The caller's repositories: their token is passed on to GitHub unchanged."""
    token = get_access_token()
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {token.token}"}) as gh:
        r = await gh.get("https://api.github.com/user/repos")
        return r.text


if __name__ == "__main__":
    mcp.run()
