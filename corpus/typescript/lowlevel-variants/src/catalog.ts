export function toolList() {
  return [
    {
      name: "list_notes",
      description: "List notes",
      inputSchema: { type: "object", properties: {} },
    },
    {
      name: "delete_note",
      description: "Delete a note",
      inputSchema: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
    },
  ];
}
