from mcp.server import Server
from mcp.types import CallToolResult, ListToolsResult, TextContent, Tool, ToolAnnotations


async def list_tools(ctx, params) -> ListToolsResult:
    return ListToolsResult(
        tools=[
            Tool(
                name="count_stock",
                description="Count items in stock.",
                input_schema={
                    "type": "object",
                    "properties": {"sku": {"type": "string", "description": "Stock-keeping unit"}},
                    "required": ["sku"],
                },
                annotations=ToolAnnotations(read_only_hint=True),
            ),
            Tool(
                name="reset_stock",
                input_schema={"type": "object"},
                annotations=ToolAnnotations(destructive_hint=True),
            ),
        ]
    )


async def call_tool(ctx, params) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text="0")])


server = Server("inventory", version="0.1.0", on_list_tools=list_tools, on_call_tool=call_tool)
