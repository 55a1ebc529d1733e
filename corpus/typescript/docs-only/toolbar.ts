// Uses a UI toolkit whose API happens to be called `.tool(...)`.
import { toolbar } from "./ui-kit";

toolbar.tool("bold", () => document.execCommand("bold"));
toolbar.tool("italic", () => document.execCommand("italic"));
