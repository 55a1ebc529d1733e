from mcp.server.fastmcp import FastMCP

mcp = FastMCP("alpha")


@mcp.tool()
def alpha_count(sku: str) -> int:
    """Count items of a SKU."""
    return 0


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
