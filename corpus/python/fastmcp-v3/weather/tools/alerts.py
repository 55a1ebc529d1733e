from fastmcp.prompts import prompt
from fastmcp.resources import resource
from fastmcp.tools import tool


@tool
def active_alerts(region: str) -> list[str]:
    """Active weather alerts for a region."""
    return []


@tool("subscribe_alerts")
def subscribe(region: str, webhook_url: str) -> str:
    """Send alerts for a region to a webhook."""
    return "sub-1"


@tool(name="clear_subscriptions", annotations={"destructiveHint": True})
def clear() -> int:
    """Remove every alert subscription."""
    return 0


@resource("alerts://regions")
def regions() -> list[str]:
    return []


@prompt
def alert_summary(region: str) -> str:
    """Summarize alerts for a region."""
    return ""
