package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const statusURL = "https://status.example.com/api/v2/status.json"

const apiBase = "https://hooks.example.net"

const statusPage = "https://status.example.com"

type handlers struct {
	db        *sql.DB
	reportDir string
	seen      sync.Map
}

func (h *handlers) writeReport(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name, _ := req.RequireString("name")
	if err := os.MkdirAll(h.reportDir, 0o755); err != nil {
		return nil, err
	}
	tmp := filepath.Join(h.reportDir, name+".tmp")
	if err := os.WriteFile(tmp, []byte(req.GetString("body", "")), 0o644); err != nil {
		return nil, err
	}
	return mcp.NewToolResultText("ok"), os.Rename(tmp, filepath.Join(h.reportDir, name))
}

func (h *handlers) purgeReports(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	h.seen.Delete("reports") // a sync.Map, not a cloud resource
	return mcp.NewToolResultText("purged"), removeReports(h.reportDir)
}

func (h *handlers) snapshotConfig(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	f, err := os.OpenFile(filepath.Join(h.reportDir, "config.snapshot"), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return mcp.NewToolResultText("saved"), nil
}

func runDiagnostics(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	out, err := exec.CommandContext(ctx, "/usr/local/bin/diag", "--all").CombinedOutput()
	if err != nil {
		return nil, err
	}
	return mcp.NewToolResultText(string(out)), nil
}

func fetchStatus(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	// a read-only open is not a write
	cache, err := os.OpenFile("/tmp/opsbox-status", os.O_RDONLY, 0)
	if err == nil {
		cache.Close()
	}
	resp, err := http.Get(statusURL)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if inc, err := http.Get(fmt.Sprintf("%s/incidents.json", statusPage)); err == nil {
		inc.Body.Close()
	}
	q := req.Header.Get("X-Trace") // a request header, not auth
	return mcp.NewToolResultText(resp.Status + q), nil
}

func postIncident(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	body := bytes.NewBufferString(`{"title":"incident"}`)
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, os.Getenv("OPSBOX_WEBHOOK_URL"), body)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return mcp.NewToolResultText("posted"), nil
}

func notifyTeam(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	team := req.GetString("team", "ops")
	r, _ := http.NewRequest("GET", fmt.Sprintf("https://api.example.org/v1/teams/%s", team), nil)
	if _, err := http.DefaultClient.Do(r); err != nil {
		return nil, err
	}
	if ping, err := http.Get(os.Getenv("OPSBOX_CHAT_URL") + "/ping"); err == nil {
		ping.Body.Close()
	}
	resp, err := http.Post(apiBase+"/v1/notify", "application/json", bytes.NewBufferString(team))
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return mcp.NewToolResultText("notified"), nil
}

func (h *handlers) addUser(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	if err := h.insertUser(ctx, req.GetString("name", "")); err != nil {
		return nil, err
	}
	return mcp.NewToolResultText("added"), nil
}

func (h *handlers) listUsers(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	rows, err := h.db.QueryContext(ctx, "SELECT id, name FROM users ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return mcp.NewToolResultText("users"), nil
}

// a tool built together with its handler
func rotateKeyTool() (mcp.Tool, server.ToolHandlerFunc) {
	return mcp.NewTool("rotate_key", mcp.WithDescription("Rotate the signing key")),
		func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			return mcp.NewToolResultText("rotated"), os.Chmod("/etc/opsbox/signing.key", 0o400)
		}
}

// a tool in a package variable, registered in main.go
var rebootTool = mcp.NewTool("reboot_host", mcp.WithDescription("Reboot the host"))

func rebootHost(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("rebooting"), exec.Command("systemctl", "reboot").Run()
}

// a tool returned by a function, registered with its handler in main.go
func cleanupTool() mcp.Tool {
	return mcp.NewTool("cleanup_tmp", mcp.WithDescription("Clean the scratch directory"))
}

func cleanupTmp(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("cleaned"), os.RemoveAll("/tmp/opsbox")
}
