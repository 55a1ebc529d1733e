// Package api holds the server's SDK-neutral definitions.
package api

import "github.com/google/jsonschema-go/jsonschema"

type ToolAnnotations struct {
	Title           string
	ReadOnlyHint    *bool
	DestructiveHint *bool
}

type Tool struct {
	Name        string
	Description string
	Annotations ToolAnnotations
	InputSchema *jsonschema.Schema
}

type ServerTool struct {
	Tool    Tool
	Handler func(args map[string]any) (string, error)
}

type Prompt struct {
	Name        string
	Description string
}

type ServerPrompt struct {
	Prompt  Prompt
	Handler func() string
}
