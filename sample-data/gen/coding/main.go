// Command coding writes the sample study's codebook.yaml and its two
// coders' files, coding/alice.yaml and coding/bob.yaml, from the tables
// below, through the codebook and coding packages so that the files are in
// their canonical form. Times are fixed, so every run writes the same bytes.
//
//	go generate ./sample-data   (runs: go run ./gen/coding)
//
// The coding follows the theme table in docs/sample-study.md: alice codes
// the phrases as listed; bob codes the same answers independently, with
// other span boundaries on some, another code or no code on the borderline
// rows, and one answer (P13/online) he has not reviewed yet.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

func main() {
	dir := flag.String("study", ".", "the sample study folder (sample-data)")
	flag.Parse()
	if err := generate(*dir, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen/coding:", err)
		os.Exit(1)
	}
}

// epoch is when the sample's coding "happened".
var epoch = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// generate reads the documents of the study in src and writes codebook.yaml
// and coding/*.yaml into out. The coding sessions run in a scratch copy, so
// that no lock or journal is left in the sample folder.
func generate(src, out string) error {
	s, err := study.Load(src)
	if err != nil {
		return err
	}
	docs, err := corpus.LoadDocuments(s)
	if err != nil {
		return err
	}
	byID := make(map[string]corpus.Document, len(docs))
	for _, d := range docs {
		byID[d.ID] = d
	}
	cb, err := sampleCodebook()
	if err != nil {
		return err
	}
	if err := cb.Save(filepath.Join(out, codebook.FileName)); err != nil {
		return err
	}
	scratch, err := os.MkdirTemp("", "mixeval-sample-coding")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratch)
	if err := os.MkdirAll(filepath.Join(out, study.CodingDir), 0o755); err != nil {
		return err
	}
	for _, c := range coders {
		if err := codeAll(scratch, c, byID, cb); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		data, err := os.ReadFile(filepath.Join(scratch, study.CodingDir, c.name+".yaml"))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, study.CodingDir, c.name+".yaml"), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// codeAll replays one coder's work in a session on the scratch folder.
func codeAll(scratch string, c coder, docs map[string]corpus.Document, cb *codebook.Codebook) error {
	tick := 0
	clock := func() time.Time {
		tick++
		return epoch.Add(time.Duration(c.offset+tick) * time.Minute)
	}
	sess, err := coding.OpenWithOptions(scratch, c.name, coding.Options{Now: clock})
	if err != nil {
		return err
	}
	defer sess.Close()
	for _, sg := range c.segments {
		d, ok := docs[sg.doc]
		if !ok {
			return fmt.Errorf("no document %s", sg.doc)
		}
		for _, code := range sg.codes {
			if !cb.IsCode(code) {
				return fmt.Errorf("%s: %q is not a code of the sample codebook", sg.doc, code)
			}
		}
		if _, err := sess.Code(d, sg.start, sg.end, sg.codes, sg.memo); err != nil {
			return err
		}
	}
	for _, id := range sortedIDs(docs) {
		if id == c.unreviewed {
			continue
		}
		if err := sess.MarkReviewed(id); err != nil {
			return err
		}
	}
	for doc, memo := range c.docMemos {
		if err := sess.SetDocumentMemo(doc, memo); err != nil {
			return err
		}
	}
	if c.memo != "" {
		if err := sess.SetStudyMemo(c.memo); err != nil {
			return err
		}
	}
	return sess.Close()
}
