package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/mark3labs/mcp-go/mcp"
	mcpserver "github.com/mark3labs/mcp-go/server"
)

const setSchema = `{
  "type": "object",
  "properties": {
    "key": {"type": "string", "description": "Key to write"},
    "value": {"type": "string"}
  },
  "required": ["key"]
}`

// Args is the input of the search tool.
type Args struct {
	Query string `json:"query" jsonschema:"free-text query"`
	Limit int    `json:"limit,omitempty" jsonschema_description:"most results"`
	Debug bool   `json:"-"`
	Paging
}

// Paging is shared by every list tool.
type Paging struct {
	Cursor string `json:"cursor,omitempty" jsonschema:"description=opaque page cursor"`
}

func main() {
	s := mcpserver.NewMCPServer("kv", "0.4.0")

	s.AddTool(mcp.NewToolWithRawSchema("kv_set", "Write a key", json.RawMessage(setSchema)), handle)

	getName := "kv_get"
	s.AddTool(mcp.NewTool(getName,
		mcp.WithDescription("Read a key"),
		mcp.WithString("key", mcp.Required()),
	), handle)

	s.AddTool(mcp.NewTool("kv_scan",
		mcp.WithDescription("Scan keys"),
		mcp.WithToolAnnotation(mcp.ToolAnnotation{ReadOnlyHint: mcp.ToBoolPtr(true)}),
	), handle)

	s.AddTool(mcp.NewTool("kv_search",
		mcp.WithDescription("Search values"),
		mcp.WithInputSchema[Args](),
		mcp.WithReadOnlyHintAnnotation(true),
	), handle)

	s.AddTool(mcp.Tool{
		Name:        "kv_delete",
		Description: "Delete a key",
		InputSchema: mcp.ToolInputSchema{
			Type: "object",
			Properties: map[string]any{
				"key": map[string]any{"type": "string", "description": "Key to delete"},
			},
			Required: []string{"key"},
		},
	}, handle)

	for _, shard := range []string{"a", "b"} {
		s.AddTool(mcp.NewTool(fmt.Sprintf("flush_%s", shard),
			mcp.WithDescription("Flush one shard"),
		), handle)
	}

	s.AddPrompt(mcp.NewPrompt("summarize_keys",
		mcp.WithPromptDescription("Summarize the key space"),
		mcp.WithArgument("prefix", mcp.ArgumentDescription("Key prefix")),
	), promptHandler)

	statsURI, statsName := "kv://stats", "Stats"
	s.AddResource(mcp.NewResource(statsURI, statsName,
		mcp.WithResourceDescription("Store statistics"),
		mcp.WithMIMEType("application/json"),
	), resourceHandler)

	s.AddResourceTemplate(mcp.NewResourceTemplate("kv://keys/{key}", "Key"), templateHandler)

	_ = mcpserver.ServeStdio(s)
}

func handle(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("ok"), nil
}

func promptHandler(ctx context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
	return nil, nil
}

func resourceHandler(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
	return nil, nil
}

func templateHandler(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
	return nil, nil
}
