from mcp.server.fastmcp import FastMCP


class OpsServer(FastMCP):
    """FastMCP with an audit log."""

    def __init__(self, name: str, **kwargs):
        super().__init__(name, **kwargs)
        self.audit: list[str] = []
