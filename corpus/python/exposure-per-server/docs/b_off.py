from mcp.server.fastmcp import FastMCP
from mcp.server.transport_security import TransportSecuritySettings

mcp = FastMCP(
    "beta",
    transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
)


@mcp.tool()
def beta_count(sku: str) -> int:
    """Count items of a SKU."""
    return 0


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
