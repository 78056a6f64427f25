// Package reconcile turns two coders' codings into one consensus coding,
// coding/consensus.yaml, with a log of every decision.
//
// Segments both coders agree on (the same code, spans matching under the
// overlap rule of package triangulate) are accepted automatically, as the
// union of their spans. Every other group of overlapping segments with one
// code in one document becomes an Item to decide: accept the first coder's
// spans (accept-a), the second's (accept-b), both (the union), neither, or
// an edited span. Item ids derive from the document, the code and both
// coders' spans, so that running Update again after more coding keeps every
// earlier decision and adds only the new items; an item whose segments have
// changed or vanished is marked obsolete, never deleted.
//
// The API is small so that the command line and, later, the terminal UI
// only drive it:
//
//	c, res, _ := reconcile.Build(studyDir, [2]string{"alice", "bob"}, docs, reconcile.Options{By: "alice"})
//	for _, it := range c.Open() { ... }
//	c.Decide(id, reconcile.Decision{Kind: reconcile.AcceptA, Memo: "agreed in supervision", By: "alice"}, texts)
//	c.Undo(id, "alice", time.Now())
//	fmt.Println(c.Summary(), res.New)
//	c.Save(studyDir)
//
// Use returns the coding the rest of mixeval should read: the consensus
// when it exists, else a named coder's, and says which.
package reconcile
