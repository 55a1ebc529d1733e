package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const workspace = "/srv/workspace"

func runShell(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	command := request.GetString("command", "")
	out, err := exec.Command("sh", "-c", command).CombinedOutput()
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	return mcp.NewToolResultText(string(out)), nil
}

func gitLog(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	repo, err := request.RequireString("repo")
	if err != nil {
		return nil, err
	}
	out, _ := exec.CommandContext(ctx, "git", "-C", repo, "log", "--oneline").Output()
	return mcp.NewToolResultText(string(out)), nil
}

// the revision after `--` cannot be an option
func gitShow(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	rev := request.GetString("rev", "HEAD")
	out, _ := exec.Command("git", "show", "--stat", "--", rev).Output()
	return mcp.NewToolResultText(string(out)), nil
}

func gitStatus(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	out, _ := exec.Command("git", "status", "--short").Output()
	return mcp.NewToolResultText(string(out)), nil
}

func evalJS(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	code := request.GetString("code", "")
	vm := goja.New()
	v, err := vm.RunString(code)
	if err != nil {
		return nil, err
	}
	return mcp.NewToolResultText(v.String()), nil
}

func readFile(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	args := request.GetArguments()
	path, ok := args["path"].(string)
	if !ok {
		return mcp.NewToolResultError("path is required"), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return mcp.NewToolResultText(string(data)), nil
}

// the path is resolved and must stay below the workspace
func readFileSafe(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	p := request.GetString("path", "")
	abs, err := filepath.Abs(filepath.Join(workspace, p))
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(workspace, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return mcp.NewToolResultError("outside the workspace"), nil
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, err
	}
	return mcp.NewToolResultText(string(data)), nil
}

// older mcp-go: the arguments map on the request's params
func writeFile(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	path := request.Params.Arguments["path"].(string)
	content := request.Params.Arguments["content"].(string)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		return nil, err
	}
	return mcp.NewToolResultText("written"), nil
}

func deletePath(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	target := request.GetString("path", "")
	if err := removeTree(target); err != nil {
		return nil, err
	}
	return mcp.NewToolResultText("deleted"), nil
}

func removeTree(dir string) error {
	return os.RemoveAll(dir)
}

func fetchURL(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	url := request.GetString("url", "")
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return mcp.NewToolResultText(string(body)), nil
}

type fetchArgs struct {
	URL string `json:"url"`
}

func fetchBound(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var in fetchArgs
	if err := request.BindArguments(&in); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, in.URL, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return mcp.NewToolResultText(resp.Status), nil
}

// a fixed host: the argument is only in the query string
func searchDocs(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	q := request.GetString("query", "")
	resp, err := http.Get("https://docs.example.com/search?q=" + q)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return mcp.NewToolResultText(resp.Status), nil
}

func findUser(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := request.GetString("name", "")
	rows, err := db.QueryContext(ctx, fmt.Sprintf("SELECT id, email FROM users WHERE name = '%s'", name))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return mcp.NewToolResultText("ok"), nil
}

func findUserSafe(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := request.GetString("name", "")
	rows, err := db.QueryContext(ctx, "SELECT id, email FROM users WHERE name = $1", name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return mcp.NewToolResultText("ok"), nil
}

// SQL built piece by piece: appended with `+=` and through a strings.Builder
func searchLogs(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	q := "SELECT ts, msg FROM logs WHERE 1=1"
	if level := request.GetString("level", ""); level != "" {
		q += " AND level = '" + level + "'"
	}
	var sb strings.Builder
	sb.WriteString("SELECT count(*) FROM logs WHERE service = '")
	sb.WriteString(request.GetString("service", ""))
	sb.WriteString("'")
	if _, err := db.ExecContext(ctx, sb.String()); err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return mcp.NewToolResultText("ok"), nil
}

func debugEcho(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	log.Printf("tool call: %+v", request)
	return mcp.NewToolResultText(request.GetString("text", "")), nil
}

func quietEcho(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	log.Printf("tool call: %s", request.Params.Name)
	return mcp.NewToolResultText(request.GetString("text", "")), nil
}

func showConfig(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	token := os.Getenv("SERVICE_API_TOKEN")
	if token == "" {
		return nil, fmt.Errorf("no token configured")
	}
	if len(token) < 20 {
		return nil, fmt.Errorf("token %s looks too short", token)
	}
	return mcp.NewToolResultText("endpoint=https://api.example.com token=" + token), nil
}

func configStatus(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	if os.Getenv("SERVICE_API_TOKEN") == "" {
		return mcp.NewToolResultText("not configured"), nil
	}
	return mcp.NewToolResultText("configured"), nil
}

// a handler factory: the returned function is the handler
func makePodLogs(namespace string) server.ToolHandlerFunc {
	return func(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		pod := request.GetString("pod", "")
		out, err := exec.CommandContext(ctx, "kubectl", "logs", "-n", namespace, "--tail", "100", pod).Output()
		if err != nil {
			return nil, err
		}
		return mcp.NewToolResultText(string(out)), nil
	}
}

type pingArgs struct {
	Host string `json:"host"`
}

// a typed handler: the third parameter is the arguments
func pingHost(ctx context.Context, request mcp.CallToolRequest, args pingArgs) (*mcp.CallToolResult, error) {
	out, _ := exec.Command("ping", "-c", "1", args.Host).Output()
	return mcp.NewToolResultText(string(out)), nil
}

// the caller's own token forwarded upstream (token passthrough: a server-level flow)
func proxyAPI(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	path := request.GetString("path", "")
	req, err := http.NewRequestWithContext(ctx, "GET", "https://api.example.com/v1/"+path, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", request.Header.Get("Authorization"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return mcp.NewToolResultText(resp.Status), nil
}
