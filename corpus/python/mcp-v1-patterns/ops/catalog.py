from mcp.server.fastmcp.prompts import Prompt
from mcp.server.fastmcp.tools import Tool


def list_alerts(severity: str = "high") -> list[str]:
    """List open alerts."""
    return []


def postmortem(incident_id: str) -> str:
    """Draft a postmortem."""
    return ""


ALERT_TOOL = Tool.from_function(fn=list_alerts, name="list_alerts", description="List open alerts by severity.")
POSTMORTEM_PROMPT = Prompt.from_function(postmortem, name="postmortem")
