package main

import (
	"context"
	"fmt"

	"example.com/opsmcp/internal/llm"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	s := server.NewMCPServer("ops", "1.2.0", server.WithToolCapabilities(true))

	lookup := mcp.NewTool("lookup_user",
		mcp.WithDescription("Find a user by id"),
		mcp.WithString("id", mcp.Required(), mcp.Description("User id")),
		mcp.WithNumber("limit", mcp.Description("Most results")),
		mcp.WithBoolean("verbose"),
		mcp.WithReadOnlyHintAnnotation(true),
		mcp.WithDestructiveHintAnnotation(false),
		mcp.WithTitleAnnotation("Look up a user"),
	)
	s.AddTool(lookup, lookupHandler)
	s.AddTool(purgeTool, purgeHandler)
	s.AddTool(mcp.NewTool(string(ToolPing), mcp.WithDescription("Check the server")), statusHandler)

	s.AddTools(
		server.ServerTool{
			Tool: mcp.NewTool(ToolRestart,
				mcp.WithDescription("Restart a service"),
				mcp.WithString("service", mcp.Required()),
			),
			Handler: restartHandler,
		},
		server.ServerTool{
			Tool:    mcp.NewTool(ToolStatus, mcp.WithReadOnlyHintAnnotation(true)),
			Handler: statusHandler,
		},
	)

	// Not MCP: a chat model's function-calling tool.
	chatTools := []llm.Tool{{Name: "not_an_mcp_tool"}, llm.NewTool("also_not_mcp")}
	_ = llm.Tool{Name: "still_not_mcp", Description: "x"}
	fmt.Println(len(chatTools))

	if err := server.ServeStdio(s); err != nil {
		fmt.Println(err)
	}
}

func lookupHandler(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("user"), nil
}

func restartHandler(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("restarted"), nil
}

func statusHandler(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("ok"), nil
}
