package main

// SearchIn is the input of search_notes.
type SearchIn struct {
	Query  string   `json:"query" jsonschema:"words to look for"`
	Tags   []string `json:"tags,omitempty" jsonschema:"only notes with all these tags"`
	Secret string   `json:"-"`
	hidden int
	Page
}

// Page is embedded by list inputs.
type Page struct {
	Limit  int    `json:"limit,omitempty"`
	Cursor string `json:"cursor,omitzero"`
}

// DeleteIn is the input of delete_note.
type DeleteIn struct {
	ID    string `json:"id" jsonschema:"note id"`
	Force *bool  `json:"force"`
}

type SearchOut struct {
	IDs []string `json:"ids"`
}
