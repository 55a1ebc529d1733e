from mcp.server.fastmcp import FastMCP


def build_server() -> FastMCP:
    return FastMCP("orders-admin")
