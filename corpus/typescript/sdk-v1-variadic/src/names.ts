export const PURGE_TOOL = "purge_cache";

export enum ToolName {
  Restart = "restart_service",
  Status = "service_status",
}
