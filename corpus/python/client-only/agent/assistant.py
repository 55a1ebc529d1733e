from fastmcp import Client
from mcp import ClientSession
from pydantic_ai import Agent, RunContext

agent = Agent("openai:gpt-4o", system_prompt="You manage notes.")
client = Client("http://127.0.0.1:8000/mcp")


@agent.tool
async def add_note(ctx: RunContext[ClientSession], title: str, body: str) -> str:
    """Add a note through the MCP server."""
    async with client:
        result = await client.call_tool("add_note", {"title": title, "body": body})
    return str(result)


@agent.tool_plain
def word_count(text: str) -> int:
    """Count words."""
    return len(text.split())
