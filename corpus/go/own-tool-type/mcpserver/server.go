package mcpserver

import (
	"context"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"example.com/kube/api"
	"example.com/kube/toolsets"
)

func toSDK(st api.ServerTool) *mcp.Tool {
	return &mcp.Tool{
		Name:        st.Tool.Name,
		Description: st.Tool.Description,
		InputSchema: st.Tool.InputSchema,
	}
}

func toSDKPrompt(sp api.ServerPrompt) *mcp.Prompt {
	return &mcp.Prompt{Name: sp.Prompt.Name, Description: sp.Prompt.Description}
}

func New() *mcp.Server {
	s := mcp.NewServer(&mcp.Implementation{Name: "kube", Version: "0.3.0"}, nil)
	for _, st := range toolsets.PodTools() {
		s.AddTool(toSDK(st), func(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			return nil, nil
		})
	}
	for _, sp := range toolsets.Prompts() {
		s.AddPrompt(toSDKPrompt(sp), nil)
	}
	return s
}
