// Package llm is a tiny chat-completion helper; its Tool is not an MCP tool.
package llm

type Tool struct {
	Name        string
	Description string
}

func NewTool(name string) Tool { return Tool{Name: name} }
