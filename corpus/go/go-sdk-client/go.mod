module example.com/sdkcli

go 1.23

require github.com/modelcontextprotocol/go-sdk v1.0.0
