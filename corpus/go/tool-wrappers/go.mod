module example.com/wrapped

go 1.24

require (
	github.com/mark3labs/mcp-go v0.40.0
	github.com/modelcontextprotocol/go-sdk v1.1.0
)
