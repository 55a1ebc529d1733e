from mcp.server.fastmcp import FastMCP


class ServiceHandler:
    def __init__(self, mcp: FastMCP):
        self.mcp = mcp
        mcp.tool(name="scale_service")(self.scale)
        self.mcp.tool()(self.drain)
        mcp.tool(name="describe_service")(self.describe)

    async def scale(self, service: str, replicas: int) -> str:
        """Scale a service to a number of replicas."""
        return "ok"

    async def drain(self, node: str, force: bool = False) -> str:
        """Drain a node before maintenance."""
        return "ok"

    async def describe(self, service: str) -> dict:
        """Describe a service."""
        return {}
