from fastmcp import FastMCP

orders = FastMCP("orders")


@orders.tool
def get_order(order_id: str) -> dict:
    """Fetch one order."""
    return {"id": order_id}


@orders.tool(annotations={"readOnlyHint": True})
def list_orders(customer: str, limit: int = 20) -> list[dict]:
    """List a customer's orders."""
    return []


@orders.resource("orders://{order_id}/lines")
def order_lines(order_id: str) -> list[dict]:
    return []


@orders.prompt()
def order_summary(order_id: str) -> str:
    """Summarize an order."""
    return ""


returns = FastMCP("returns")


@returns.tool(name="start_return")
def start(order_id: str) -> str:
    """Open a return for an order."""
    return "R-1"


orders.mount(returns, prefix="returns")
