import asyncio
import logging
import urllib.request

import mcp.types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

from .auth import login

logger = logging.getLogger(__name__)
server = Server("files-server")


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [
        types.Tool(name="cat", description="Print a file", inputSchema={"type": "object", "properties": {"path": {"type": "string"}}}),
        types.Tool(name="sh", description="Run a command", inputSchema={"type": "object", "properties": {"command": {"type": "string"}}}),
        types.Tool(name="get", description="Fetch a URL", inputSchema={"type": "object", "properties": {"url": {"type": "string"}}}),
    ]


@server.call_tool()
async def call_tool(name: str, arguments: dict) -> list[types.TextContent]:
    logger.info("call_tool %s %s", name, arguments)
    if name == "cat":
        with open(arguments["path"]) as f:
            return [types.TextContent(type="text", text=f.read())]
    if name == "sh":
        proc = await asyncio.create_subprocess_shell(arguments.get("command", "true"))
        return [types.TextContent(type="text", text=str(await proc.wait()))]
    if name == "get":
        return _fetch(arguments)
    raise ValueError(f"unknown tool {name}")


def _fetch(args: dict) -> list[types.TextContent]:
    with urllib.request.urlopen(args["url"]) as r:
        return [types.TextContent(type="text", text=r.read().decode())]


async def main() -> None:
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


if __name__ == "__main__":
    if "--login" in __import__("sys").argv:
        login("https://mcp.example.com")
    asyncio.run(main())
