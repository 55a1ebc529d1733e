"""Converts MCP tool types for an LLM API."""
from mcp.types import Tool as McpTool
from openai.types.responses import FunctionToolParam as Tool


def openai_tool(t: McpTool) -> Tool:
    return Tool(name=t.name, parameters=t.inputSchema, type="function", strict=False)
