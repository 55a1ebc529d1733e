package main

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	s := server.NewMCPServer("weather", "0.1.0")
	s.AddTool(mcp.NewTool("forecast",
		mcp.WithDescription("Weather forecast for a city"),
		mcp.WithString("city", mcp.Required(), mcp.Description("City name")),
	), forecast)
	_ = server.ServeStdio(s)
}

func forecast(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("sunny"), nil
}
