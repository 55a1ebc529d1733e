from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes-locked-new")

NOTES: dict[str, str] = {}


@mcp.tool()
def read_note(title: str) -> str:
    """Read a note by its title."""
    return NOTES.get(title, "")


if __name__ == "__main__":
    mcp.run(transport="sse")
