package main

import (
	"context"
	"database/sql"
	"log"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

var db *sql.DB

func main() {
	server := mcp.NewServer(&mcp.Implementation{Name: "notesops", Version: "1.0.0"}, nil)

	mcp.AddTool(server, &mcp.Tool{Name: "run_script", Description: "Run a bash script"}, runScript)
	mcp.AddTool(server, &mcp.Tool{Name: "extract", Description: "Extract an archive"}, extract)
	mcp.AddTool(server, &mcp.Tool{Name: "extract_safe", Description: "Extract an archive (no options)"}, extractSafe)
	mcp.AddTool(server, &mcp.Tool{Name: "eval_go", Description: "Evaluate Go code"}, evalGo)
	mcp.AddTool(server, &mcp.Tool{Name: "open_note", Description: "Read a note"}, openNote)
	mcp.AddTool(server, &mcp.Tool{Name: "open_note_safe", Description: "Read a note below the notes directory"}, openNoteSafe)
	mcp.AddTool(server, &mcp.Tool{Name: "save_note", Description: "Save a note"}, saveNote)
	mcp.AddTool(server, &mcp.Tool{Name: "append_note", Description: "Append to a note"}, appendNote)
	mcp.AddTool(server, &mcp.Tool{Name: "drop_note", Description: "Delete a note"}, dropNote)
	mcp.AddTool(server, &mcp.Tool{Name: "fetch_page", Description: "Fetch a page"}, fetchPage)
	mcp.AddTool(server, &mcp.Tool{Name: "check_endpoint", Description: "Check an endpoint"}, checkEndpoint)
	mcp.AddTool(server, &mcp.Tool{Name: "get_item", Description: "Get an item from the API"}, getItem)
	mcp.AddTool(server, &mcp.Tool{Name: "purge_tag", Description: "Delete notes with a tag"}, purgeTag)
	mcp.AddTool(server, &mcp.Tool{Name: "purge_tag_safe", Description: "Delete notes with a tag (parameterised)"}, purgeTagSafe)
	mcp.AddTool(server, &mcp.Tool{Name: "audit_call", Description: "Record a call"}, auditCall)
	mcp.AddTool(server, &mcp.Tool{Name: "audit_call_safe", Description: "Record a call by name"}, auditCallSafe)
	mcp.AddTool(server, &mcp.Tool{Name: "db_info", Description: "Database connection"}, dbInfo)
	mcp.AddTool(server, &mcp.Tool{Name: "db_info_safe", Description: "Is the database configured"}, dbInfoSafe)
	server.AddTool(&mcp.Tool{Name: "read_raw", Description: "Read a file (raw arguments)"}, readRaw)

	if err := server.Run(context.Background(), &mcp.StdioTransport{}); err != nil {
		log.Fatal(err)
	}
}
