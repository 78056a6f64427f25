// Package backend is the study opened as one API for every front end: the
// command line (cmd/mixeval) and the terminal UI (tui) call it, and it
// calls the domain packages (thematic/..., codebook, quant, study). The
// policy that joins those packages lives here and nowhere else: where the
// index lives and when it is rebuilt, who the coders are, what a coding
// action does before and after (check the span, create or refuse unknown
// codes, mark the answer reviewed), which agreement views a study's mode
// puts first, the defaults of reconciliation, the checks of validation,
// the locking of every shared file, and what leaves the study: every
// export (Export… methods) runs the personal-data guard (Guard) over what
// it writes, with the decisions of privacy.yaml (DecidePrivacy).
//
// Shared files (codebook.yaml, coding/consensus.yaml, mixeval.yaml) change
// only under their lock with a re-read inside it, so that concurrent
// writers serialise and none loses another's change. A codebook operation
// that changes code ids (merge, split, delete with reassignment) applies
// its remap to every coder file and the consensus before it returns.
//
// Errors are neutral: they say what is wrong and what is needed, never
// which flag or key gives it. Typed errors (NoDocumentError, SpanError,
// UnknownCodeError, ...) let each front end word its own advice.
//
//	b, err := backend.Open("", backend.Options{})
//	if err != nil { ... }
//	c, err := b.OpenCoder("alice")
//	defer c.Close()
//	res, err := c.Code(backend.CodeRequest{Doc: "P01/helped", Start: 0, End: 12, Codes: []string{"connection"}})
package backend
