export const STATUS_TOOL = "station_status";
