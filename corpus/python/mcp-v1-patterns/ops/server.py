import uvicorn

from .base import OpsServer
from .catalog import ALERT_TOOL, POSTMORTEM_PROMPT
from .handlers.nodes import NodeHandler
from .handlers.services import ServiceHandler

app = OpsServer("ops", tools=[ALERT_TOOL])
app.add_prompt(POSTMORTEM_PROMPT)


def restart(service: str) -> str:
    """Restart a service."""
    return "ok"


def status() -> dict:
    """Overall status."""
    return {}


def runbook() -> str:
    return "..."


def incident(summary: str) -> str:
    """Open an incident."""
    return summary


app.tool(name="restart_service")(restart)
app.tool()(status)
app.resource("ops://runbook")(runbook)
app.prompt()(incident)
ServiceHandler(app)
NodeHandler(app)


def serve_http() -> None:
    config = uvicorn.Config(app.streamable_http_app(), host="127.0.0.1", port=8000)
    server = uvicorn.Server(config)
    server.run()
