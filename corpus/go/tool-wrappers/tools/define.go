// Package tools holds the server's tool definitions.
package tools

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// DefineTool builds a tool; every tool of the server goes through it.
func DefineTool(name, description string, h server.ToolHandlerFunc, opts ...mcp.ToolOption) server.ServerTool {
	t := mcp.NewTool(name, mcp.WithDescription(description))
	for _, o := range opts {
		o(&t)
	}
	return server.ServerTool{Tool: t, Handler: h}
}

// ReadOnlyTool builds a tool that changes nothing.
func ReadOnlyTool(name, description string, h server.ToolHandlerFunc) server.ServerTool {
	return DefineTool(name, description, h)
}

// describeTool is not a wrapper: no tool is built from its parameter.
func describeTool(name string) string { return "tool " + name }

func noop(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText(describeTool("x")), nil
}

var All = []server.ServerTool{
	DefineTool("drop_table", "Drop a table", noop,
		mcp.WithDestructiveHintAnnotation(true),
		mcp.WithTitleAnnotation("Drop table")),
	ReadOnlyTool("list_tables", "List tables", noop),
}
