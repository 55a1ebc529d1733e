export const NAMES = {
  SEARCH: "search_docs",
  REFUND: "refund_invoice",
} as const;
