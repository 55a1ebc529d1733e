from langchain_core.tools import Tool
from mcp.server.fastmcp import FastMCP
from pydantic_ai import Agent

mcp = FastMCP("orders")
agent = Agent("openai:gpt-4o-mini")


@mcp.tool()
def lookup_order(order_id: str) -> dict:
    """Look up an order."""
    return {}


@mcp.tool(annotations={"destructiveHint": True})
def cancel_order(order_id: str, reason: str = "") -> bool:
    """Cancel an order."""
    return True


@agent.tool_plain
def summarize_order(order: dict) -> str:
    """Summarize an order for the agent."""
    return ""


@agent.tool
async def fetch_customer(ctx, customer_id: str) -> dict:
    """Fetch a customer for the agent."""
    return {}


def _search(q: str) -> str:
    return q


search_tool = Tool(name="web_search", func=_search, description="Search the web.")
calc_tool = Tool.from_function(func=_search, name="calculator", description="Calculate.")
