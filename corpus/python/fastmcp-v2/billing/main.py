from typing import Annotated

from fastmcp import Context, FastMCP
from fastmcp.tools import Tool
from pydantic import Field

from .orders import orders

main = FastMCP(name="billing", instructions="Billing operations.")


@main.tool
async def refund(
    order_id: Annotated[str, Field(description="Order to refund")],
    amount_cents: Annotated[int, "Amount in cents"],
    ctx: Context,
) -> str:
    """Refund an order.

    Partial refunds are allowed.
    """
    await ctx.info("refunding")
    return "ok"


@main.tool("issue_invoice")
def invoice(customer: str, lines: list[dict]) -> str:
    """Create and send an invoice."""
    return "inv-1"


@main.tool(
    name="void_invoice",
    description="Void an invoice that was not paid.",
    tags={"admin", "dangerous"},
    annotations={"destructiveHint": True, "readOnlyHint": False},
    exclude_args=["actor"],
)
def void(invoice_id: str, actor: str = "system") -> bool:
    return True


def balance(customer: str) -> int:
    """Current balance of a customer."""
    return 0


main.add_tool(Tool.from_function(balance, name="get_balance"))


def ping() -> str:
    """Health check."""
    return "pong"


main.tool(ping, name="billing_ping")

main.mount(orders, prefix="orders")


@main.resource("invoice://{invoice_id}")
def invoice_doc(invoice_id: str) -> str:
    return ""


@main.prompt
def dunning_letter(customer: str) -> str:
    """Draft a payment reminder."""
    return ""


if __name__ == "__main__":
    main.run(transport="http", host="127.0.0.1", port=8000)


def web_app():
    """Serves the MCP endpoint inside a Starlette app: `web.mount` is not MCP composition."""
    from starlette.applications import Starlette

    web = Starlette()
    web.mount("/mcp", main.http_app())
    return web


def _make_lookup():
    def inner(sku: str) -> str:
        return sku

    return inner


lookup = _make_lookup()
main.tool(lookup, name="lookup_sku", description="Look up a SKU.")
