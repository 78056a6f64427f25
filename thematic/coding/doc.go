// Package coding stores one coder's coding of a study: the text segments
// they coded (document, code point span, codes, memo), the documents they
// have reviewed, and their memos on documents and on the study.
//
// The truth on disk is coding/<coder>.yaml, written in a stable order so
// that researchers can diff and merge it with git. A Session edits it
// safely and fast: Open takes the coder's lock, every action is appended to
// a checksummed journal under .mixeval/journal and synced before the call
// returns, and Close folds the journal back into the YAML.
//
//	s, err := coding.Open(studyDir, "alice")
//	if err != nil { ... }           // e.g. "coding/alice.yaml is open in another mixeval (pid 4242)"
//	defer s.Close()
//	seg, err := s.Code(doc, 0, 12, []string{"connection"}, "")
//
// Read gives a read-only view (YAML plus journal) without taking the lock,
// for commands that only report; Load reads just the YAML file.
package coding
