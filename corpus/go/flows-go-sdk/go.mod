module example.com/notesops

go 1.23

require (
	github.com/mattn/go-sqlite3 v1.14.22
	github.com/modelcontextprotocol/go-sdk v1.0.0
	github.com/traefik/yaegi v0.16.1
	go.uber.org/zap v1.27.0
)
