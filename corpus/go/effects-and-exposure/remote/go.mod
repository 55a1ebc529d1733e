module example.com/opsbox/remote

go 1.24

require github.com/modelcontextprotocol/go-sdk v1.6.0
