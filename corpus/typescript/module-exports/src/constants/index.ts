export * from "./status.js";
export { RESET as RESET_TOOL } from "./reset.js";
