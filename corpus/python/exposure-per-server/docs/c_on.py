from mcp.server.fastmcp import FastMCP
from mcp.server.transport_security import TransportSecuritySettings

mcp = FastMCP(
    "gamma",
    host="0.0.0.0",
    transport_security=TransportSecuritySettings(
        allowed_hosts=["mcp.example.com"],
        allowed_origins=["https://app.example.com"],
    ),
)


@mcp.tool()
def gamma_count(sku: str) -> int:
    """Count items of a SKU."""
    return 0


if __name__ == "__main__":
    mcp.run(transport="sse")
