from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes")


@mcp.tool()
def add_note(text: str) -> str:
    """Add a note."""
    return text


def main() -> None:
    mcp.run()
