export function definitions() {
  return [
    {
      name: "list_inbox",
      description: "List unread messages",
      inputSchema: { type: "object", properties: { limit: { type: "number" } } },
    },
    {
      name: "mark_read",
      description: "Mark a message as read",
      inputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
    },
  ];
}
