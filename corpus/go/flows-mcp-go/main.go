package main

import (
	"database/sql"
	"log"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var db *sql.DB

func main() {
	s := server.NewMCPServer("hostops", "0.3.0", server.WithToolCapabilities(true))

	s.AddTool(mcp.NewTool("run_shell",
		mcp.WithDescription("Run a shell command"),
		mcp.WithString("command", mcp.Required()),
	), runShell)
	s.AddTool(mcp.NewTool("git_log",
		mcp.WithDescription("Show the log of a repository"),
		mcp.WithString("repo", mcp.Required()),
	), gitLog)
	s.AddTool(mcp.NewTool("git_show",
		mcp.WithDescription("Show a revision"),
		mcp.WithString("rev", mcp.Required()),
	), gitShow)
	s.AddTool(mcp.NewTool("git_status", mcp.WithDescription("Status of the work tree")), gitStatus)
	s.AddTool(mcp.NewTool("eval_js",
		mcp.WithDescription("Evaluate JavaScript"),
		mcp.WithString("code", mcp.Required()),
	), evalJS)
	s.AddTool(mcp.NewTool("read_file",
		mcp.WithDescription("Read a file"),
		mcp.WithString("path", mcp.Required()),
	), readFile)
	s.AddTool(mcp.NewTool("read_file_safe",
		mcp.WithDescription("Read a file below the workspace"),
		mcp.WithString("path", mcp.Required()),
	), readFileSafe)
	s.AddTool(mcp.NewTool("write_file",
		mcp.WithDescription("Write a file"),
		mcp.WithString("path", mcp.Required()),
		mcp.WithString("content", mcp.Required()),
	), writeFile)
	s.AddTool(mcp.NewTool("delete_path",
		mcp.WithDescription("Delete a file or directory"),
		mcp.WithString("path", mcp.Required()),
	), deletePath)
	s.AddTool(mcp.NewTool("fetch_url",
		mcp.WithDescription("Fetch a URL"),
		mcp.WithString("url", mcp.Required()),
	), fetchURL)
	s.AddTool(mcp.NewTool("fetch_bound",
		mcp.WithDescription("Fetch a URL (bound arguments)"),
		mcp.WithString("url", mcp.Required()),
	), fetchBound)
	s.AddTool(mcp.NewTool("search_docs",
		mcp.WithDescription("Search the documentation"),
		mcp.WithString("query", mcp.Required()),
	), searchDocs)
	s.AddTool(mcp.NewTool("find_user",
		mcp.WithDescription("Find users by name"),
		mcp.WithString("name", mcp.Required()),
	), findUser)
	s.AddTool(mcp.NewTool("find_user_safe",
		mcp.WithDescription("Find users by name (parameterised)"),
		mcp.WithString("name", mcp.Required()),
	), findUserSafe)
	s.AddTool(mcp.NewTool("search_logs",
		mcp.WithDescription("Search the logs"),
		mcp.WithString("level"),
		mcp.WithString("service"),
	), searchLogs)
	s.AddTool(mcp.NewTool("debug_echo",
		mcp.WithDescription("Echo the call"),
		mcp.WithString("text"),
	), debugEcho)
	s.AddTool(mcp.NewTool("quiet_echo",
		mcp.WithDescription("Echo the text"),
		mcp.WithString("text"),
	), quietEcho)
	s.AddTool(mcp.NewTool("show_config", mcp.WithDescription("Show the configuration")), showConfig)
	s.AddTool(mcp.NewTool("config_status", mcp.WithDescription("Is the service configured")), configStatus)
	s.AddTool(mcp.NewTool("pod_logs",
		mcp.WithDescription("Logs of a pod"),
		mcp.WithString("pod", mcp.Required()),
	), makePodLogs("default"))
	s.AddTool(mcp.NewTool("ping_host",
		mcp.WithDescription("Ping a host"),
		mcp.WithString("host", mcp.Required()),
	), mcp.NewTypedToolHandler(pingHost))
	s.AddTool(mcp.NewTool("proxy_api",
		mcp.WithDescription("Call the upstream API as the caller"),
		mcp.WithString("path", mcp.Required()),
	), proxyAPI)

	if err := server.ServeStdio(s); err != nil {
		log.Fatal(err)
	}
}
