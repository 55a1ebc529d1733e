package main

import (
	"context"
	"crypto/tls"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"github.com/rs/cors"
)

type files struct {
	rootDir string
	// separator-terminated roots (see newRoots)
	roots  []string
	client *http.Client
}

func newRoots(dirs []string) []string {
	out := make([]string, 0, len(dirs))
	for _, d := range dirs {
		out = append(out, filepath.Clean(d)+string(filepath.Separator))
	}
	return out
}

// safe: the path tested ends with a separator, and so do the roots (made so in newRoots)
func (f *files) underRoots(name string) bool {
	p := filepath.Clean(filepath.Join(f.rootDir, name)) + string(filepath.Separator)
	for _, root := range f.roots {
		if strings.HasPrefix(p, root) {
			return true
		}
	}
	return false
}

// vulnerable: "/srv/blobs" admits "/srv/blobs-private"
func (f *files) insideLoose(name string) (string, bool) {
	absPath, err := filepath.Abs(filepath.Join(f.rootDir, name))
	if err != nil {
		return "", false
	}
	return absPath, strings.HasPrefix(absPath, f.rootDir)
}

// safe: separator-terminated prefix, and filepath.Rel
func (f *files) inside(name string) (string, bool) {
	absPath, err := filepath.Abs(filepath.Join(f.rootDir, name))
	if err != nil {
		return "", false
	}
	if absPath == f.rootDir || strings.HasPrefix(absPath, f.rootDir+string(os.PathSeparator)) {
		rel, err := filepath.Rel(f.rootDir, absPath)
		return absPath, err == nil && !strings.HasPrefix(rel, "..")
	}
	return "", false
}

// not a path: a key prefix
func hasTenantPrefix(key, tenant string) bool {
	return strings.HasPrefix(key, tenant)
}

func (f *files) readBlob(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name, _ := req.RequireString("name")
	p, ok := f.insideLoose(name)
	if _, strict := f.inside(name); !ok || !strict || !hasTenantPrefix(name, "t-") || !f.underRoots(name) {
		return mcp.NewToolResultError("denied"), nil
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return mcp.NewToolResultText(string(b)), nil
}

func main() {
	root, _ := filepath.Abs(os.Getenv("BLOB_ROOT"))
	f := &files{
		rootDir: root,
		roots:   newRoots([]string{root}),
		// TLS verification off for the downstream client
		client: &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}},
	}
	strict := &tls.Config{InsecureSkipVerify: false, MinVersion: tls.VersionTLS12}
	_ = strict

	s := server.NewMCPServer("blobgate", "0.6.0", server.WithToolCapabilities(true))
	s.AddTool(mcp.NewTool("read_blob",
		mcp.WithDescription("Read a blob"),
		mcp.WithString("name", mcp.Required()),
	), f.readBlob)

	httpServer := server.NewStreamableHTTPServer(s)
	mux := http.NewServeMux()
	mux.Handle("/mcp", requireToken(httpServer))
	mux.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.WriteHeader(http.StatusOK)
	})
	// CORS open to every origin; a listed origin is fine
	open := cors.New(cors.Options{AllowedOrigins: []string{"*"}})
	listed := cors.New(cors.Options{AllowedOrigins: []string{"https://console.example.com"}})
	_ = listed
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", open.Handler(mux)))
}
