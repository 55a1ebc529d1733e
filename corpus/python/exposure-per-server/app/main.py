import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("delta")


@mcp.tool()
def delta_count(sku: str) -> int:
    """Count items of a SKU."""
    return 0


def main() -> None:
    transport = os.getenv("DELTA_TRANSPORT", "stdio")
    if transport == "stdio":
        mcp.run(transport=transport)
    else:
        mcp.run(transport=transport, host=os.getenv("DELTA_HOST", "127.0.0.1"), port=9000)


if __name__ == "__main__":
    main()
