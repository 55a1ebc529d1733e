from .factory import build_server

mcp = build_server()


@mcp.tool()
def ping() -> str:
    """Liveness check."""
    return "pong"
