import asyncio

from fastmcp import FastMCP

from remote import make_remote

api = FastMCP("api")
legacy = FastMCP("legacy")
gateway = FastMCP("gateway")


@api.tool()
def status() -> str:
    """Service status."""
    return "ok"


@legacy.tool(name="export_csv")
def export(table: str) -> str:
    """Export a table as CSV."""
    return ""


@gateway.tool()
def version() -> str:
    """Gateway version."""
    return "1"


gateway.mount("api", api)
gateway.mount("remote", make_remote())


async def setup() -> None:
    await gateway.import_server("legacy", legacy)


if __name__ == "__main__":
    asyncio.run(setup())
    gateway.run()
