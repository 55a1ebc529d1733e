"""A notes server on the mcp SDK's FastMCP (v1)."""
from typing import Annotated, Optional

from mcp.server.fastmcp import Context, FastMCP
from mcp.server.session import ServerSession
from mcp.types import ToolAnnotations
from pydantic import AnyUrl, Field

from .names import ARCHIVE_TOOL, ToolName

PURGE_TOOL = "purge_notes"

mcp = FastMCP("notes", instructions="Keeps short notes.")

NOTES: dict[str, str] = {}


@mcp.tool()
def add_note(title: str, body: str, tags: list[str] | None = None, link: AnyUrl | None = None) -> str:
    """Add a note.

    The note is stored in memory and
        indented lines keep their extra indent.
    """
    NOTES[title] = body
    return title


@mcp.tool(
    name=ToolName.SEARCH,
    title="Search notes",
    annotations=ToolAnnotations(readOnlyHint=True, openWorldHint=False),
)
async def search(
    query: Annotated[str, Field(description="Words to look for")],
    ctx: Context,
    limit: int = Field(10, description="Most results to return"),
    tag: Optional[str] = None,
) -> list[str]:
    """Full-text search over notes."""
    await ctx.info(f"searching {query}")
    return [t for t in NOTES if query in NOTES[t]][:limit]


@mcp.tool(name=PURGE_TOOL, description="Delete every note.", annotations={"destructiveHint": True, "idempotentHint": True})
def purge(ctx: Context[ServerSession, None], *, confirm: bool) -> int:
    """This docstring is not the description: description= wins."""
    n = len(NOTES)
    NOTES.clear()
    return n


@mcp.tool(name=ToolName.EXPORT.value)
def export(fmt: str = "json", *args, **kwargs) -> str:
    '''Export all notes.'''
    return str(NOTES)


def archive(title: str, folder: str | None) -> str:
    """Move a note to an archive folder."""
    return NOTES.pop(title)


mcp.add_tool(archive, name=ARCHIVE_TOOL, description="Archive one note.")


@mcp.tool
def broken(x: int) -> int:
    """A bare decorator: the mcp SDK raises TypeError here."""
    return x


@mcp.resource("config://app")
def app_config() -> str:
    """Static configuration."""
    return "{}"


@mcp.resource("notes://{title}")
def note_by_title(title: str) -> str:
    return NOTES[title]


@mcp.prompt()
def summarize(title: str) -> str:
    """Summarize one note."""
    return f"Summarize {NOTES[title]}"


@mcp.prompt(name="review-notes", description="Review all notes.")
def review() -> str:
    return "Review"


def main() -> None:
    mcp.run()


if __name__ == "__main__":
    main()
