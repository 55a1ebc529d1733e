from fastmcp.server.providers import LocalProvider

shared = LocalProvider()


@shared.tool
def units() -> list[str]:
    """Units the weather tools accept."""
    return ["metric", "imperial"]
