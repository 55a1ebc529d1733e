module example.com/kube

go 1.24

require (
	github.com/google/jsonschema-go v0.3.0
	github.com/modelcontextprotocol/go-sdk v1.3.0
	k8s.io/utils v0.0.0-20250604170112-4c0f3b243397
)
