const ALL = [
  { name: "define_word", description: "Dictionary definition of a word" },
  { name: "spell_word", description: "Spelling suggestions" },
];

module.exports = { ALL };
