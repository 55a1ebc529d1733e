export const PING = "ping_station";
export const name = "not_a_tool";
