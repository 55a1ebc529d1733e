from mcp.server.fastmcp import FastMCP

mcp = FastMCP("old-tools")


@mcp.tool()
def ping() -> str:
    """Answer pong."""
    return "pong"
