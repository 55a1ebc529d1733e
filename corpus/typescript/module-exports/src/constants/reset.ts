export const RESET = "reset_station";
