package main

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
)

// purgeTool is registered by main.
var purgeTool = mcp.NewTool("purge_cache",
	mcp.WithDescription("Drop every cached page"),
	mcp.WithBoolean("all", mcp.Description("Also drop pinned pages")),
	mcp.WithDestructiveHintAnnotation(true),
	mcp.WithIdempotentHintAnnotation(true),
)

func purgeHandler(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("purged"), nil
}
