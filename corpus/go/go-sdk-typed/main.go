package main

import (
	"context"
	"log"

	"github.com/google/jsonschema-go/jsonschema"
	mcpsdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

type archiveIn struct {
	ID string `json:"id"`
}

func main() {
	server := mcpsdk.NewServer(&mcpsdk.Implementation{Name: "notes", Version: "1.0.0"}, nil)
	store := &noteStore{}
	no := false

	mcpsdk.AddTool(server, &mcpsdk.Tool{
		Name:        "search_notes",
		Description: "Search notes by text and tags",
		Annotations: &mcpsdk.ToolAnnotations{ReadOnlyHint: true, DestructiveHint: jsonschema.Ptr(false)},
	}, searchNotes)

	mcpsdk.AddTool(server, &mcpsdk.Tool{
		Name:        "delete_note",
		Description: "Delete a note",
		Annotations: &mcpsdk.ToolAnnotations{DestructiveHint: jsonschema.Ptr(true), OpenWorldHint: &no},
	}, store.Delete)

	mcpsdk.AddTool(server, &mcpsdk.Tool{Name: "count_notes", Description: "Count notes"},
		func(ctx context.Context, req *mcpsdk.CallToolRequest, in struct{}) (*mcpsdk.CallToolResult, any, error) {
			return nil, nil, nil
		})

	mcpsdk.AddTool(server, &mcpsdk.Tool{Name: "archive_note", Description: "Archive a note"},
		withAudit(func(ctx context.Context, req *mcpsdk.CallToolRequest, in archiveIn) (*mcpsdk.CallToolResult, any, error) {
			return nil, nil, nil
		}))

	if err := server.Run(context.Background(), &mcpsdk.StdioTransport{}); err != nil {
		log.Fatal(err)
	}
}
