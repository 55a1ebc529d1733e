from fastmcp import FastMCP

mcp = FastMCP("inventory")


@mcp.tool
def count_items(sku: str) -> int:
    """Count the items of a SKU."""
    return 0
