import json

import mcp.types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

from .models import KvTool, ScanArgs

PREFIX = "kv"
STORE: dict[str, str] = {}

server = Server("kv-store")


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [
        types.Tool(
            name=KvTool.GET,
            description="Read one key.",
            inputSchema={
                "type": "object",
                "properties": {
                    "key": {"type": "string", "description": "The key"},
                    "default": {"type": "string"},
                },
                "required": ["key"],
            },
            annotations=types.ToolAnnotations(readOnlyHint=True, openWorldHint=False),
        ),
        types.Tool(
            name="kv_put",
            description="Write one key.",
            inputSchema={
                "type": "object",
                "properties": {
                    "key": {"type": "string"},
                    "value": {"type": "string"},
                },
                "required": ["key", "value"],
            },
            annotations=types.ToolAnnotations(destructiveHint=False, idempotentHint=True),
        ),
        types.Tool(
            name=KvTool.SCAN.value,
            description="List keys by prefix.",
            inputSchema=ScanArgs.model_json_schema(),
        ),
        types.Tool(
            name=f"{PREFIX}_stats",
            description="Store statistics.",
            inputSchema={"type": "object", "properties": {}},
        ),
    ]


@server.call_tool()
async def call_tool(name: str, arguments: dict) -> list[types.TextContent]:
    if name == KvTool.GET:
        return [types.TextContent(type="text", text=STORE.get(arguments["key"], ""))]
    if name == "kv_put":
        STORE[arguments["key"]] = arguments["value"]
        return [types.TextContent(type="text", text="ok")]
    return [types.TextContent(type="text", text=json.dumps(sorted(STORE)))]


@server.list_resources()
async def list_resources() -> list[types.Resource]:
    return [types.Resource(uri="kv://keys", name="keys", mimeType="application/json")]


@server.list_prompts()
async def list_prompts() -> list[types.Prompt]:
    return [types.Prompt(name="explain-key", description="Explain what a key holds.")]


async def main() -> None:
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())
