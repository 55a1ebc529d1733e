from mcp.server.fastmcp import FastMCP

fixture = FastMCP("fixture", host="0.0.0.0", port=8765)


@fixture.tool()
def echo(text: str) -> str:
    """Echo the text back."""
    return text


if __name__ == "__main__":
    fixture.run(transport="streamable-http")
