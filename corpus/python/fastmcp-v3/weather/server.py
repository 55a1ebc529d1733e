from fastmcp import FastMCP
from fastmcp.server.providers import FileSystemProvider, Provider

from .shared import shared

forecast = FastMCP("forecast")


@forecast.tool
def daily(city: str, days: int = 3) -> list[dict]:
    """Daily forecast for a city."""
    return []


alert_tools = FileSystemProvider("weather/tools")
main = FastMCP("weather", providers=[alert_tools, shared])
main.mount(forecast, namespace="forecast")


@main.tool(annotations={"readOnlyHint": True, "openWorldHint": True})
def current(city: str) -> dict:
    """Current conditions."""
    return {}


class StationProvider(Provider):
    """Tools generated from the station database at run time."""


stations = FastMCP("stations", providers=[StationProvider()])
