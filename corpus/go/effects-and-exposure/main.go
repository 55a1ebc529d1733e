package main

import (
	"context"
	"database/sql"
	"log"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	cfg := loadSettings()
	db, err := sql.Open("postgres", cfg.DatabaseURL)
	if err != nil {
		log.Fatal(err)
	}
	h := &handlers{db: db, reportDir: "/var/lib/opsbox/reports"}

	s := server.NewMCPServer("opsbox", "2.1.0", server.WithToolCapabilities(true))

	// a tool in a local variable, registered by the next AddTool
	report := mcp.NewTool("write_report",
		mcp.WithDescription("Write a report file"),
		mcp.WithString("name", mcp.Required()),
		mcp.WithString("body", mcp.Required()),
	)
	s.AddTool(report, h.writeReport)

	s.AddTool(mcp.NewTool("purge_reports",
		mcp.WithDescription("Remove old reports"),
		mcp.WithDestructiveHintAnnotation(false),
	), h.purgeReports)

	s.AddTool(mcp.NewTool("snapshot_config",
		mcp.WithDescription("Show the current configuration"),
		mcp.WithReadOnlyHintAnnotation(true),
	), h.snapshotConfig)

	s.AddTool(mcp.NewTool("run_diagnostics", mcp.WithDescription("Run the diagnostics script")), runDiagnostics)
	s.AddTool(mcp.NewTool("fetch_status", mcp.WithDescription("Upstream status")), fetchStatus)
	s.AddTool(mcp.NewTool("post_incident", mcp.WithDescription("Open an incident")), postIncident)
	s.AddTool(mcp.NewTool("notify_team", mcp.WithString("team")), notifyTeam)
	s.AddTool(mcp.NewTool("add_user", mcp.WithString("name")), h.addUser)
	s.AddTool(mcp.NewTool("list_users", mcp.WithDescription("List users")), h.listUsers)
	s.AddTool(mcp.NewTool("open_issue", mcp.WithString("title")), openIssue)
	s.AddTool(mcp.NewTool("archive_logs"), archiveLogs)
	s.AddTool(mcp.NewTool("whoami"), mcp.NewTypedToolHandler(whoami))
	s.AddTool(rotateKeyTool())
	s.AddTool(rebootTool, rebootHost)
	s.AddTool(cleanupTool(), cleanupTmp)

	s.AddTools(
		server.ServerTool{
			Tool:    mcp.NewTool("send_digest", mcp.WithDescription("Mail the daily digest")),
			Handler: h.sendDigest,
		},
	)

	// slice elements with their type elided
	extra := []server.ServerTool{
		{Tool: mcp.NewTool("flush_cache", mcp.WithDescription("Flush the cache")), Handler: flushCache},
	}
	s.AddTools(extra...)

	httpServer := server.NewStreamableHTTPServer(s,
		server.WithEndpointPath("/mcp"),
		server.WithHTTPContextFunc(tokenFromRequest),
		server.WithDisableLocalhostProtection(true),
	)
	if err := httpServer.Start(":8080"); err != nil {
		log.Fatal(err)
	}
}

type whoamiArgs struct{}

func whoami(ctx context.Context, req mcp.CallToolRequest, args whoamiArgs) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText(currentRegion()), nil
}
