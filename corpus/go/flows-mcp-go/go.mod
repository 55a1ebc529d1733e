module example.com/hostops

go 1.23

require (
	github.com/dop251/goja v0.0.0-20250125213203-5ef83b82af17
	github.com/lib/pq v1.10.9
	github.com/mark3labs/mcp-go v0.32.0
)
