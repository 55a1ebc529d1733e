module example.com/blobgate

go 1.23

require (
	github.com/golang-jwt/jwt/v5 v5.2.1
	github.com/mark3labs/mcp-go v0.58.0
	github.com/rs/cors v1.11.1
)
