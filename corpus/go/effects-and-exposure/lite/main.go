package main

import (
	"context"
	"log"
	"os"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

type tailIn struct {
	Lines int `json:"lines,omitempty" jsonschema:"how many lines"`
}

type clearIn struct{}

func main() {
	srv := mcp.NewServer(&mcp.Implementation{Name: "opsbox-lite", Version: "0.1.0"}, nil)
	mcp.AddTool(srv, &mcp.Tool{
		Name:        "tail_log",
		Description: "Show the end of the log",
		Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true},
	}, tailLog)
	mcp.AddTool(srv, &mcp.Tool{Name: "clear_log", Description: "Empty the log"},
		func(ctx context.Context, req *mcp.CallToolRequest, in clearIn) (*mcp.CallToolResult, any, error) {
			return nil, nil, os.Truncate(logPath(), 0)
		})
	if err := srv.Run(context.Background(), &mcp.StdioTransport{}); err != nil {
		log.Fatal(err)
	}
}

func tailLog(ctx context.Context, req *mcp.CallToolRequest, in tailIn) (*mcp.CallToolResult, any, error) {
	data, err := os.ReadFile(logPath())
	if err != nil {
		return nil, nil, err
	}
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: string(data)}}}, nil, nil
}

func logPath() string {
	if p := os.Getenv("OPSBOX_LOG_FILE"); p != "" {
		return p
	}
	return "/var/log/opsbox.log"
}
