package main

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

const moveSchema = `{"type":"object","properties":{"from":{"type":"string"},"to":{"type":"string"}},"required":["from","to"]}`

var statTool = &mcp.Tool{
	Name:        "stat_file",
	Description: "File metadata",
	Annotations: &mcp.ToolAnnotations{ReadOnlyHint: true},
}

type statIn struct {
	Path string `json:"path"`
}

func newServer() *mcp.Server {
	server := mcp.NewServer(&mcp.Implementation{Name: "fs", Version: "0.9.0"}, &mcp.ServerOptions{Instructions: "File tools"})

	server.AddTool(&mcp.Tool{
		Name:        "write_file",
		Description: "Write a file",
		InputSchema: &jsonschema.Schema{
			Type: "object",
			Properties: map[string]*jsonschema.Schema{
				"path":    {Type: "string", Description: "Target path"},
				"content": {Type: "string"},
			},
			Required: []string{"path", "content"},
		},
	}, raw)

	server.AddTool(&mcp.Tool{
		Name:        "move_file",
		Description: "Move a file",
		InputSchema: json.RawMessage(moveSchema),
	}, raw)

	server.AddTool(&mcp.Tool{Name: "chmod_file", InputSchema: schemaFor("chmod")}, raw)

	mcp.AddTool(server, statTool, func(ctx context.Context, req *mcp.CallToolRequest, in statIn) (*mcp.CallToolResult, any, error) {
		return nil, nil, nil
	})

	server.AddPrompt(&mcp.Prompt{Name: "explain_dir", Description: "Explain a directory layout"}, prompt)
	server.AddResource(&mcp.Resource{URI: "file:///etc/motd", Name: "motd", MIMEType: "text/plain"}, resource)
	server.AddResourceTemplate(&mcp.ResourceTemplate{URITemplate: "file:///{path}", Name: "file"}, resource)
	return server
}

func main() {
	h := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return newServer() }, nil)
	_ = http.ListenAndServe("127.0.0.1:8080", h)
}

func schemaFor(name string) *jsonschema.Schema { return nil }

func raw(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return nil, nil
}

func prompt(ctx context.Context, req *mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
	return nil, nil
}

func resource(ctx context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
	return nil, nil
}
