const TOOL_NAMES = { LOOKUP: "lookup_word" };

module.exports = { TOOL_NAMES };
