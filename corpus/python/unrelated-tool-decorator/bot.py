from acme_agents import App

app = App("helpdesk")


@app.tool()
def open_ticket(title: str) -> str:
    """Open a helpdesk ticket."""
    return "T-1"


@app.tool
def close_ticket(ticket_id: str) -> None:
    """Close a ticket."""


def escalate(ticket_id: str) -> None:
    """Escalate a ticket."""


app.add_tool(escalate, name="escalate_ticket")

if __name__ == "__main__":
    app.serve()
