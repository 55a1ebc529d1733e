module example.com/opsbox

go 1.23

require (
	github.com/aws/aws-sdk-go-v2/service/s3 v1.80.0
	github.com/google/go-github/v72 v72.0.0
	github.com/mark3labs/mcp-go v0.58.0
	github.com/redis/go-redis/v9 v9.7.0
	github.com/spf13/viper v1.20.1
)
