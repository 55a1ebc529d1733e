package main

import (
	"context"
	"fmt"

	"example.com/wrapped/tools"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

func sdkTool(name, desc string) *sdk.Tool {
	return &sdk.Tool{Name: name, Description: desc}
}

type pingIn struct {
	Host string `json:"host"`
}

func ping(ctx context.Context, req *sdk.CallToolRequest, in pingIn) (*sdk.CallToolResult, any, error) {
	return nil, nil, nil
}

func main() {
	s := server.NewMCPServer("db", "2.0.0")
	s.AddTools(tools.All...)
	for _, table := range []string{"users", "orders"} {
		s.AddTools(tools.ReadOnlyTool(fmt.Sprintf("count_%s", table), "Count rows", handle))
	}

	srv := sdk.NewServer(&sdk.Implementation{Name: "db-sdk", Version: "2.0.0"}, nil)
	sdk.AddTool(srv, sdkTool("ping_db", "Ping the database"), ping)
	_ = server.ServeStdio(s)
}

func handle(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return nil, nil
}
