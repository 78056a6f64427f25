package refiqda

import "github.com/mixeval/mixeval/codebook"

// SideFile is the file a .qdpx written by mixeval holds beside
// project.qde, for mixeval's own import: the ids that GUIDs were made
// from (a GUID cannot give them back) and what REFI-QDA has no place for.
// Other tools ignore it; without it, an import falls back on names.
const SideFile = "mixeval.json"

// Side is the content of SideFile.
type Side struct {
	Version int `json:"version"`
	// Codes maps a code's or theme's GUID to its id in the codebook.
	Codes map[string]string `json:"codes"`
	// Documents maps a text source's GUID to its answer's id.
	Documents map[string]string `json:"documents"`
	// Coders maps a user's GUID to the coder (or "consensus").
	Coders map[string]string `json:"coders"`
	// Reviewed lists, per coder, the answers they reviewed ("read,
	// nothing to code" has no place in REFI-QDA).
	Reviewed map[string][]string `json:"reviewed"`
	// Exemplars are the pinned quotes of themes and codes, by id.
	Exemplars map[string][]codebook.Exemplar `json:"exemplars,omitempty"`
}
