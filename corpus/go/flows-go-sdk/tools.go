package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/traefik/yaegi/interp"
	"go.uber.org/zap"
)

const notesDir = "/var/lib/notes"

var logger = zap.NewExample()

type ScriptIn struct {
	Script string `json:"script" jsonschema:"the bash script"`
}

type PathIn struct {
	Path string `json:"path"`
}

type NoteIn struct {
	Path string `json:"path"`
	Body string `json:"body"`
}

type URLIn struct {
	URL string `json:"url"`
}

type ItemIn struct {
	ID string `json:"id"`
}

type TagIn struct {
	Tag string `json:"tag"`
}

type CodeIn struct {
	Code string `json:"code"`
}

func text(s string) *mcp.CallToolResult {
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: s}}}
}

func runScript(ctx context.Context, req *mcp.CallToolRequest, in ScriptIn) (*mcp.CallToolResult, any, error) {
	out, err := exec.CommandContext(ctx, "bash", "-c", in.Script).CombinedOutput()
	if err != nil {
		return nil, nil, err
	}
	return text(string(out)), nil, nil
}

func extract(ctx context.Context, req *mcp.CallToolRequest, in PathIn) (*mcp.CallToolResult, any, error) {
	cmd := exec.Command("tar", "-C", notesDir, "-xf", in.Path)
	if err := cmd.Run(); err != nil {
		return nil, nil, err
	}
	return text("extracted"), nil, nil
}

// `--` ends the options: the archive cannot be one
func extractSafe(ctx context.Context, req *mcp.CallToolRequest, in PathIn) (*mcp.CallToolResult, any, error) {
	if err := exec.Command("tar", "-C", notesDir, "-xf", "--", in.Path).Run(); err != nil {
		return nil, nil, err
	}
	return text("extracted"), nil, nil
}

func evalGo(ctx context.Context, req *mcp.CallToolRequest, in CodeIn) (*mcp.CallToolResult, any, error) {
	i := interp.New(interp.Options{})
	v, err := i.Eval(in.Code)
	if err != nil {
		return nil, nil, err
	}
	return text(fmt.Sprint(v)), nil, nil
}

func openNote(ctx context.Context, req *mcp.CallToolRequest, in PathIn) (*mcp.CallToolResult, any, error) {
	f, err := os.Open(filepath.Join(notesDir, in.Path))
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	b, _ := io.ReadAll(f)
	return text(string(b)), nil, nil
}

func isWithin(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && !strings.HasPrefix(rel, "..")
}

// resolved, then checked against the notes directory
func openNoteSafe(ctx context.Context, req *mcp.CallToolRequest, in PathIn) (*mcp.CallToolResult, any, error) {
	full := filepath.Clean(filepath.Join(notesDir, in.Path))
	if !isWithin(notesDir, full) {
		return nil, nil, fmt.Errorf("path outside the notes directory")
	}
	b, err := os.ReadFile(full)
	if err != nil {
		return nil, nil, err
	}
	return text(string(b)), nil, nil
}

func saveNote(ctx context.Context, req *mcp.CallToolRequest, in NoteIn) (*mcp.CallToolResult, any, error) {
	f, err := os.Create(in.Path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	_, err = f.WriteString(in.Body)
	return text("saved"), nil, err
}

func appendNote(ctx context.Context, req *mcp.CallToolRequest, in NoteIn) (*mcp.CallToolResult, any, error) {
	f, err := os.OpenFile(in.Path, os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	_, err = f.WriteString(in.Body)
	return text("appended"), nil, err
}

func dropNote(ctx context.Context, req *mcp.CallToolRequest, in PathIn) (*mcp.CallToolResult, any, error) {
	if err := os.Remove(in.Path); err != nil {
		return nil, nil, err
	}
	return text("deleted"), nil, nil
}

func fetchPage(ctx context.Context, req *mcp.CallToolRequest, in URLIn) (*mcp.CallToolResult, any, error) {
	r, err := http.NewRequestWithContext(ctx, "GET", in.URL, nil)
	if err != nil {
		return nil, nil, err
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	return text(resp.Status), nil, nil
}

func checkEndpoint(ctx context.Context, req *mcp.CallToolRequest, in URLIn) (*mcp.CallToolResult, any, error) {
	client := &http.Client{}
	resp, err := client.Get(in.URL)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	return text(resp.Status), nil, nil
}

// a fixed host: the argument is only a path segment
func getItem(ctx context.Context, req *mcp.CallToolRequest, in ItemIn) (*mcp.CallToolResult, any, error) {
	client := &http.Client{}
	resp, err := client.Get("https://api.example.com/v1/items/" + in.ID)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	return text(resp.Status), nil, nil
}

func purgeTag(ctx context.Context, req *mcp.CallToolRequest, in TagIn) (*mcp.CallToolResult, any, error) {
	res, err := db.Exec("DELETE FROM notes WHERE tag = '" + in.Tag + "'")
	if err != nil {
		return nil, nil, err
	}
	n, _ := res.RowsAffected()
	return text(fmt.Sprintf("%d deleted", n)), nil, nil
}

func purgeTagSafe(ctx context.Context, req *mcp.CallToolRequest, in TagIn) (*mcp.CallToolResult, any, error) {
	res, err := db.Exec("DELETE FROM notes WHERE tag = ?", in.Tag)
	if err != nil {
		return nil, nil, err
	}
	n, _ := res.RowsAffected()
	return text(fmt.Sprintf("%d deleted", n)), nil, nil
}

func auditCall(ctx context.Context, req *mcp.CallToolRequest, in TagIn) (*mcp.CallToolResult, any, error) {
	slog.Info("tool call", "input", in)
	logger.Info("tool call", zap.Any("request", req))
	return text("recorded"), nil, nil
}

func auditCallSafe(ctx context.Context, req *mcp.CallToolRequest, in TagIn) (*mcp.CallToolResult, any, error) {
	slog.Info("tool call", "tool", req.Params.Name)
	return text("recorded"), nil, nil
}

func dbInfo(ctx context.Context, req *mcp.CallToolRequest, in struct{}) (*mcp.CallToolResult, any, error) {
	password := os.Getenv("DB_PASSWORD")
	dsn := fmt.Sprintf("postgres://notes:%s@db:5432/notes", password)
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: dsn}}}, nil, nil
}

func dbInfoSafe(ctx context.Context, req *mcp.CallToolRequest, in struct{}) (*mcp.CallToolResult, any, error) {
	if os.Getenv("DB_PASSWORD") == "" {
		return text("password missing"), nil, nil
	}
	return text("password set"), nil, nil
}

type rawArgs struct {
	Path string `json:"path"`
}

// a raw handler: the arguments are JSON in the request's params
func readRaw(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var args rawArgs
	if err := json.Unmarshal(req.Params.Arguments, &args); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(args.Path)
	if err != nil {
		return nil, err
	}
	return text(string(b)), nil
}
