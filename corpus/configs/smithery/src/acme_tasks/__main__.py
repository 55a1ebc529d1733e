from fastmcp import FastMCP

mcp = FastMCP("tasks")


@mcp.tool
def add_task(title: str) -> str:
    """Add a task."""
    return title


if __name__ == "__main__":
    mcp.run()
