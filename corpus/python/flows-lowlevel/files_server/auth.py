import subprocess
import webbrowser

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse

UPSTREAM = "https://api.example.com/v1/profile"


async def profile(request: Request) -> JSONResponse:
    """The caller's token forwarded unchanged to a downstream API."""
    token = request.headers.get("authorization")
    async with httpx.AsyncClient() as client:
        r = await client.get(UPSTREAM, headers={"Authorization": token})
    return JSONResponse(r.json())


async def profile_exchanged(request: Request) -> JSONResponse:
    """Safe twin: the caller's token is exchanged for a downstream one first."""
    downstream = await exchange_token(request.headers.get("authorization"))
    async with httpx.AsyncClient() as client:
        r = await client.get(UPSTREAM, headers={"Authorization": f"Bearer {downstream}"})
    return JSONResponse(r.json())


async def exchange_token(subject: str | None) -> str:
    async with httpx.AsyncClient() as client:
        r = await client.post("https://auth.example.com/token", data={"subject_token": subject})
    return r.json()["access_token"]


def login(server_url: str) -> None:
    """An MCP client's login: OAuth discovery metadata from the server it connects to."""
    meta = httpx.get(f"{server_url}/.well-known/oauth-authorization-server").json()
    webbrowser.open(meta["authorization_endpoint"])


def login_xdg(server_url: str) -> None:
    meta = httpx.get(f"{server_url}/.well-known/oauth-authorization-server").json()
    endpoint = meta["authorization_endpoint"]
    subprocess.run(["xdg-open", endpoint], check=False)
