// Package privacy finds personal data in feedback answers (e-mail
// addresses, UK phone numbers, NHS numbers, postcodes, dates of birth and
// people's names), records what the researchers decided about each finding
// in the study's privacy.yaml, and guards every export: nothing a study
// writes for sharing leaves it with an undecided finding in it.
//
// Detection is offline and rule-based: no model, no network. Every finding
// is a span in code points (start inclusive, end exclusive, as everywhere
// in mixeval) with its kind and the rule that fired. A Detector holds the
// shipped list of common UK given names and the names a study adds (its
// manifest's identifiers and the values of its identifying columns, which
// the caller reads at scan time and never stores).
//
// Decisions (redact or allow, who, when, a memo) are keyed to the answer's
// content hash and the span, so a decision goes stale, and is asked again,
// when the answer changes. Load, Decide and Save are separate so that a
// caller can hold the study's lock around the read-modify-write:
//
//	d := privacy.NewDetector(names)              // identifiers and identifying-column values
//	f, err := privacy.Load(layout.Privacy())     // under the study's lock
//	res := d.Scan(docs, f.Decisions)             // every finding, with its status
//	f.Decisions = privacy.Decide(f.Decisions,
//		privacy.NewDecision(res.Findings[0], privacy.ActionAllow, "alice", time.Now(), "the facilitator, named with consent"))
//	err = privacy.Save(layout.Privacy(), f)      // still under the lock
//
// An exporter hands the guard exactly the texts it will write: whole
// answers and quotes with their answer's id, hash and offset, and free text
// (memos, definitions) under a name of where it lives. It writes the
// returned texts, or nothing:
//
//	g := privacy.Guard{Detector: d, Decisions: f.Decisions, Documents: docs}
//	out, err := g.Check([]privacy.Piece{
//		{Doc: "P03/helped", Hash: doc.Hash, Offset: seg.Start, Text: quote},
//		{Doc: "codebook:safeness#definition", Text: code.Definition},
//	}, redact)
//	if err != nil { ... }                        // a piece the guard cannot place
//	if !out.OK() { ... }                         // list out.Blocked (id, doc, span, kind), write nothing
//	for i, w := range out.Texts { ... }          // write w.Text; map spans with w.Map.Span
//
// See docs/privacy.md for the rules, their measured precision and the file
// format.
package privacy
