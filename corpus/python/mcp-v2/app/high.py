from mcp.server.mcpserver import Context, MCPServer
from mcp.types import ToolAnnotations

app = MCPServer("catalog", version="2.1.0")


@app.tool(annotations=ToolAnnotations(read_only_hint=True, open_world_hint=False))
def list_items(category: str, ctx: Context, page: int = 1) -> list[str]:
    """List catalog items in a category."""
    return []


@app.tool(name="remove_item", title="Remove item")
async def remove(item_id: int) -> bool:
    """Remove an item from the catalog."""
    return True


@app.tool
def not_a_tool() -> None:
    """Bare decorator: a TypeError in v2 as in v1."""


@app.resource("catalog://categories")
def categories() -> list[str]:
    return ["books"]


@app.prompt()
def describe_item(item_id: int) -> str:
    """Describe an item for a customer."""
    return f"Describe {item_id}"
