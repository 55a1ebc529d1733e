import asyncio

from mcp import ClientSession, StdioServerParameters, types
from mcp.client.stdio import stdio_client

PARAMS = StdioServerParameters(command="uvx", args=["notes-server"])


async def list_remote_tools() -> list[types.Tool]:
    async with stdio_client(PARAMS) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            listed = await session.list_tools()
            out = []
            for t in listed.tools:
                out.append(types.Tool(name=t.name, description=t.description, inputSchema=t.inputSchema))
            await session.call_tool("add_note", {"title": "x", "body": "y"})
            return out


if __name__ == "__main__":
    asyncio.run(list_remote_tools())
