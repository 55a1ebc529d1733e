"""Helpers for a LangChain agent that also builds weather images: not MCP tools."""
from fastmcp.utilities.types import Image
from langchain_core.tools import tool


@tool
def celsius_to_fahrenheit(c: float) -> float:
    """Convert a temperature."""
    return c * 9 / 5 + 32


def chart(png: bytes) -> Image:
    return Image(data=png, format="png")
