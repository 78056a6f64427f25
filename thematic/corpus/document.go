package corpus

// Document is one answer: one respondent's text for one question. Its id,
// "<respondent>/<question>", is stable across imports. Positions into Text
// are Unicode code point offsets (start inclusive, end exclusive), as in
// REFI-QDA.
type Document struct {
	ID         string            `json:"id"`
	Respondent string            `json:"respondent"`
	Question   string            `json:"question"`
	Text       string            `json:"text"`
	Attributes map[string]string `json:"attributes,omitempty"`
	// Source is the normalised source file the document came from, relative
	// to the study folder.
	Source string `json:"source"`
	// Hash is the hex SHA-256 of Text; a change reveals an edited source.
	Hash string `json:"hash"`
}
