module example.com/notes

go 1.23

require (
	github.com/google/jsonschema-go v0.3.0
	github.com/modelcontextprotocol/go-sdk v1.0.0
)
