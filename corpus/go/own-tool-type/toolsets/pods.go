package toolsets

import (
	"github.com/google/jsonschema-go/jsonschema"
	"k8s.io/utils/ptr"

	"example.com/kube/api"
)

func prefix() string { return "pods" }

func PodTools() []api.ServerTool {
	name := prefix() + "_top"
	return []api.ServerTool{
		{
			Tool: api.Tool{
				Name:        "pods_list",
				Description: "List pods",
				Annotations: api.ToolAnnotations{ReadOnlyHint: ptr.To(true), DestructiveHint: ptr.To(false)},
				InputSchema: &jsonschema.Schema{
					Type: "object",
					Properties: map[string]*jsonschema.Schema{
						"namespace": {Type: "string", Description: "Namespace to list"},
					},
				},
			},
			Handler: list,
		},
		{
			Tool: api.Tool{
				Name:        "pods_delete",
				Description: "Delete a pod",
				Annotations: api.ToolAnnotations{DestructiveHint: ptr.To(true)},
				InputSchema: &jsonschema.Schema{
					Type:       "object",
					Properties: map[string]*jsonschema.Schema{"name": {Type: "string"}},
					Required:   []string{"name"},
				},
			},
			Handler: list,
		},
		{Tool: api.Tool{Name: name, InputSchema: &jsonschema.Schema{Type: "object"}}, Handler: list},
	}
}

func Prompts() []api.ServerPrompt {
	return []api.ServerPrompt{{Prompt: api.Prompt{Name: "pod-triage", Description: "Triage a failing pod"}}}
}

func list(args map[string]any) (string, error) { return "", nil }
