import params from "./alert-params.js";

export const name = "clear_alerts";

export const description = "Clear the alerts of a region";

export const annotations = { destructiveHint: true, readOnlyHint: false };

export const execute = async () => ({ content: [] });

export default { name, description, inputSchema: params.shape, annotations, execute };
