package main

// Tool names shared with the documentation generator.
const (
	ToolRestart = "restart_service"
	ToolStatus  = "service_status"
)

// ToolName is a typed tool name.
type ToolName string

const ToolPing ToolName = "ping"
