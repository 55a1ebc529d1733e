import httpx
from fastmcp import FastMCP

client = httpx.AsyncClient(base_url="https://petstore.example.com")
spec = httpx.get("https://petstore.example.com/openapi.json").json()

petstore = FastMCP.from_openapi(openapi_spec=spec, client=client, name="petstore")
upstream = FastMCP.as_proxy("http://127.0.0.1:9000/mcp")
