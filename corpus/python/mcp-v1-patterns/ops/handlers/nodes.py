from mcp.server.fastmcp import FastMCP


class NodeHandler:
    def __init__(self, mcp: FastMCP):
        mcp.tool(name="describe_node")(self.describe)

    def describe(self, node_id: str, verbose: bool = False) -> dict:
        """Describe a node."""
        return {}
