package backend

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/export/refiqda"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// IsREFIFile reports whether path names a REFI-QDA file (.qdc or .qdpx).
func IsREFIFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".qdc", ".qdpx":
		return true
	}
	return false
}

// REFIImport says what importing a REFI-QDA file did.
type REFIImport struct {
	// Project is true for a .qdpx, false for a .qdc.
	Project bool
	// CodesCreated lists the themes and codes added to the codebook;
	// CodesMatched counts those the codebook had already (matched by the
	// id the file was written from, by GUID, or by name).
	CodesCreated []string
	CodesMatched int
	// Documents counts the file's answers; NewDocuments those added to
	// the study as Source; Empty the empty answers the new source holds
	// for respondents who did not answer every question.
	Documents, NewDocuments, Empty int
	Source                         string
	// Segments counts the segments imported per coder; Coders lists the
	// coders added to mixeval.yaml.
	Segments map[string]int
	Coders   []string
	Memos    int
	Skipped  []string
}

// ImportREFI brings a REFI-QDA codebook (.qdc) or project (.qdpx) into the
// study, leniently, reporting what it skipped. A codebook's codes join the
// codebook (those it has already are matched, not duplicated). A project
// also brings its answers (as a new source, unless the study has them with
// the same text), every user's codings as that coder's segments, and their
// memos. The consensus of a mixeval project is not imported: reconcile
// again.
func (b *Study) ImportREFI(path string) (*REFIImport, error) {
	data, err := safefile.ReadFile(path, corpus.DefaultMaxFormBytes)
	if err != nil {
		return nil, err
	}
	res := &REFIImport{Segments: map[string]int{}}
	var im *refiqda.Imported
	if strings.EqualFold(filepath.Ext(path), ".qdc") {
		c, err := refiqda.ParseQDC(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		im = refiqda.FromQDC(c)
	} else {
		res.Project = true
		pkg, err := refiqda.ReadQDPX(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		im = refiqda.FromPackage(pkg, "imported")
	}
	res.Skipped = im.Skipped
	res.Documents = len(im.Documents)
	docs, err := b.planDocuments(im, res)
	if err != nil {
		return nil, err
	}
	ids, err := b.importCodes(path, im, res)
	if err != nil {
		return nil, err
	}
	if len(docs.fresh) > 0 {
		if err := b.addSource(path, im, docs.fresh, res); err != nil {
			return res, err
		}
		for _, d := range docs.fresh {
			if got, err := b.Document(d.ID); err != nil || got.Text != d.Text {
				docs.skip[d.ID] = true
				res.Skipped = append(res.Skipped, fmt.Sprintf("answer %s did not keep its text on import: its codings were not imported", d.ID))
			}
		}
	}
	if err := b.importCodings(im, ids, docs.skip, res); err != nil {
		return res, err
	}
	if err := b.importExemplars(path, im); err != nil {
		res.Skipped = append(res.Skipped, err.Error())
	}
	return res, nil
}

// importPlan sorts a project's answers: new to the study, or already
// there (skip holds those there with other text, whose segments cannot
// be placed).
type importPlan struct {
	fresh []refiqda.ImportedDocument
	skip  map[string]bool
}

func (b *Study) planDocuments(im *refiqda.Imported, res *REFIImport) (*importPlan, error) {
	plan := &importPlan{skip: map[string]bool{}}
	if len(im.Documents) == 0 {
		return plan, nil
	}
	have := map[string]string{}
	if docs, err := b.Documents(); err == nil {
		for _, d := range docs {
			have[d.ID] = d.Text
		}
	} else if len(b.Manifest().Manifest.Sources) > 0 {
		return nil, err
	}
	used := map[string]string{}
	for _, src := range b.Manifest().Manifest.Sources {
		for _, q := range src.Questions {
			used[q.Label] = src.File
		}
	}
	for _, d := range im.Documents {
		text, ok := have[d.ID]
		switch {
		case ok && text == d.Text:
		case ok:
			plan.skip[d.ID] = true
			res.Skipped = append(res.Skipped, fmt.Sprintf("answer %s is in the study with other text: its codings were not imported", d.ID))
		case used[d.Question] != "":
			return nil, fmt.Errorf("the file's answer %s is not in the study, but its question %q comes from %s already: import the project into a new study (mixeval init)", d.ID, d.Question, used[d.Question])
		default:
			plan.fresh = append(plan.fresh, d)
		}
	}
	return plan, nil
}

// importCodes adds the file's codes to the codebook, under its lock, and
// maps every code GUID to the code segments carrying it get.
func (b *Study) importCodes(path string, im *refiqda.Imported, res *REFIImport) (map[string]string, error) {
	ids := map[string]string{}
	if len(im.Codes) == 0 {
		return ids, nil
	}
	_, err := b.ChangeCodebook("import "+filepath.Base(path), false, func(cb *codebook.Codebook, who string, _ func(string) int) (codebook.Remap, error) {
		clear(ids)
		res.CodesCreated, res.CodesMatched = nil, 0
		ci := codeImporter{cb: cb, who: who, ids: ids, res: res}
		return nil, ci.add(im.Codes, "")
	})
	return ids, err
}

type codeImporter struct {
	cb  *codebook.Codebook
	who string
	ids map[string]string
	res *REFIImport
}

func (ci *codeImporter) add(codes []refiqda.ImportedCode, parent string) error {
	for _, c := range codes {
		theme := !c.Codable || len(c.Children) > 0
		kind := codebook.Code
		if theme {
			kind = codebook.Theme
		}
		n, err := ci.node(c, kind, parent, c.ID)
		if err != nil {
			return err
		}
		if !theme {
			ci.ids[c.GUID] = n.ID
			continue
		}
		ci.ids[c.GUID] = ""
		if err := ci.add(c.Children, n.ID); err != nil {
			return err
		}
		if c.Codable {
			// Another tool's code with sub-codes: a theme in mixeval, and
			// its own codings go to a code of the same name under it.
			own := c
			own.Children, own.Memo = nil, ""
			code, err := ci.node(own, codebook.Code, n.ID, "")
			if err != nil {
				return err
			}
			ci.ids[c.GUID] = code.ID
		}
	}
	return nil
}

// node finds the codebook's node for c (by the id it was written from, by
// GUID, by name) or creates it.
func (ci *codeImporter) node(c refiqda.ImportedCode, kind codebook.Kind, parent, id string) (*codebook.Node, error) {
	var found *codebook.Node
	if id != "" {
		if n := ci.cb.Find(id); n != nil && n.Kind == kind {
			found = n
		}
	}
	ci.cb.Walk(func(n, _ *codebook.Node) bool {
		if found == nil && n.Kind == kind && (codebook.GUID(n.ID) == c.GUID || strings.EqualFold(n.Name, c.Name)) {
			found = n
		}
		return found == nil
	})
	if found != nil {
		ci.res.CodesMatched++
		return found, nil
	}
	spec := codebook.NewNode{Kind: kind, ID: id, Name: c.Name, Parent: parent, Definition: c.Definition,
		Concept: c.Concept, Memo: c.Memo}
	if c.Include != "" || c.Exclude != "" {
		spec.Scope = &codebook.Scope{Include: c.Include, Exclude: c.Exclude}
	}
	n, err := ci.cb.Create(ci.who, spec)
	if err != nil && id != "" {
		spec.ID = "" // the id is taken (or retired): make a new one
		n, err = ci.cb.Create(ci.who, spec)
	}
	if err != nil {
		return nil, fmt.Errorf("import code %q: %w", c.Name, err)
	}
	ci.res.CodesCreated = append(ci.res.CodesCreated, n.ID)
	return n, nil
}

// addSource writes the project's new answers as a source of the study
// (one row per respondent, one column per question) and imports it.
func (b *Study) addSource(path string, im *refiqda.Imported, docs []refiqda.ImportedDocument, res *REFIImport) error {
	var labels, respondents []string
	wording := map[string]string{}
	rows := map[string]map[string]string{}
	attrs := map[string]map[string]string{}
	for _, d := range docs {
		if !slices.Contains(labels, d.Question) {
			labels = append(labels, d.Question)
			wording[d.Question] = d.QuestionText
		}
		if rows[d.Respondent] == nil {
			respondents = append(respondents, d.Respondent)
			rows[d.Respondent] = map[string]string{}
			attrs[d.Respondent] = d.Attributes
		}
		rows[d.Respondent][d.Question] = d.Text
	}
	var attrNames []string
	for _, a := range im.Attributes {
		for _, r := range respondents {
			if _, ok := attrs[r][a]; ok {
				attrNames = append(attrNames, a)
				break
			}
		}
	}
	header := []string{"respondent"}
	header = append(header, attrNames...)
	opt := corpus.ImportOptions{ID: "respondent", Attrs: attrNames}
	for _, l := range labels {
		col := wording[l]
		if col == "" || slices.Contains(header, col) {
			col = l
		}
		header = append(header, col)
		opt.Texts = append(opt.Texts, corpus.TextMapping{Column: col, Label: l})
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	for _, r := range respondents {
		row := []string{r}
		for _, a := range attrNames {
			row = append(row, attrs[r][a])
		}
		for _, l := range labels {
			t, ok := rows[r][l]
			if !ok {
				res.Empty++
			}
			row = append(row, t)
		}
		w.Write(row)
	}
	w.Flush()
	tmp, err := os.MkdirTemp("", "mixeval-import-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	opt.Path = filepath.Join(tmp, b.freeSourceName(path)+".csv")
	if err := os.WriteFile(opt.Path, buf.Bytes(), 0o644); err != nil {
		return err
	}
	ir, _, _, err := b.Import(opt)
	if err != nil {
		return fmt.Errorf("add the project's answers as a source: %w", err)
	}
	res.Source, res.NewDocuments = ir.Source.File, len(docs)
	return nil
}

// freeSourceName is a file stem for the project's answers that no source
// of the study has: importing under an existing source's name would
// replace that source.
func (b *Study) freeSourceName(path string) string {
	stem := corpus.Slug(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), 0)
	if stem == "" {
		stem = "project"
	}
	taken := map[string]bool{}
	for _, src := range b.Manifest().Manifest.Sources {
		taken[src.File] = true
	}
	name := stem
	for i := 2; taken[study.SourcesDir+"/"+name+".csv"]; i++ {
		name = fmt.Sprintf("%s-%d", stem, i)
	}
	return name
}

// importCodings adds every user's segments and memos to their coder's
// file, adding coders to mixeval.yaml as needed.
func (b *Study) importCodings(im *refiqda.Imported, ids map[string]string, skip map[string]bool, res *REFIImport) error {
	byCoder := map[string][]refiqda.ImportedSegment{}
	var coders []string
	note := func(c string) {
		if !slices.Contains(coders, c) {
			coders = append(coders, c)
		}
	}
	for _, s := range im.Segments {
		byCoder[s.Coder] = append(byCoder[s.Coder], s)
		note(s.Coder)
	}
	for _, m := range im.Memos {
		note(m.Coder)
	}
	for c := range im.Reviewed {
		note(c)
	}
	slices.Sort(coders)
	for _, c := range coders {
		if c == study.ConsensusCoder {
			res.Skipped = append(res.Skipped, fmt.Sprintf("the consensus coding (%d segments) was not imported: reconcile the coders again", len(byCoder[c])))
			continue
		}
		if err := b.importCoder(c, byCoder[c], im, ids, skip, res); err != nil {
			return fmt.Errorf("import %s's coding: %w", c, err)
		}
	}
	return nil
}

func (b *Study) importCoder(name string, segs []refiqda.ImportedSegment, im *refiqda.Imported, ids map[string]string, skip map[string]bool, res *REFIImport) error {
	if !coding.ValidCoder(name) {
		name = "imported"
	}
	added, err := b.AddCoder(name)
	if err != nil {
		return err
	}
	if added {
		res.Coders = append(res.Coders, name)
	}
	c, err := b.OpenCoder(name)
	if err != nil {
		return err
	}
	defer c.Close()
	var reqs []coding.CodeRequest
	var reviewed []string
	unknown := 0
	for _, s := range segs {
		if skip[s.Document] {
			continue
		}
		d, err := b.Document(s.Document)
		if err != nil {
			res.Skipped = append(res.Skipped, fmt.Sprintf("a segment of %s on %s: the answer is not in the study", name, s.Document))
			continue
		}
		var codes []string
		for _, g := range s.Codes {
			if id := ids[g]; id != "" && !slices.Contains(codes, id) {
				codes = append(codes, id)
			} else if id == "" {
				unknown++
			}
		}
		if len(codes) == 0 {
			continue
		}
		if n := len([]rune(d.Text)); s.End > n {
			res.Skipped = append(res.Skipped, fmt.Sprintf("a segment of %s on %s ends at %d, past the answer's %d characters", name, s.Document, s.End, n))
			continue
		}
		reqs = append(reqs, coding.CodeRequest{Doc: d, Start: s.Start, End: s.End, Codes: codes, Memo: s.Memo})
		reviewed = append(reviewed, d.ID)
	}
	if unknown > 0 {
		res.Skipped = append(res.Skipped, fmt.Sprintf("%d codings of %s point at codes the file does not hold (or at themes): left out", unknown, name))
	}
	if _, err := c.sess.CodeBatch(reqs); err != nil {
		return err
	}
	res.Segments[name] += len(reqs)
	for _, d := range im.Reviewed[name] {
		if _, err := b.Document(d); err == nil {
			reviewed = append(reviewed, d)
		}
	}
	if len(reviewed) > 0 {
		if err := c.sess.MarkReviewed(reviewed...); err != nil {
			return err
		}
	}
	for _, m := range im.Memos {
		if m.Coder != name || m.Text == "" {
			continue
		}
		if err := b.importMemo(c, m); err != nil {
			return err
		}
		res.Memos++
	}
	return nil
}

// importMemo sets a memo, added after any the coder has there already.
func (b *Study) importMemo(c *Coder, m refiqda.ImportedMemo) error {
	if m.Document == "" {
		return c.SetStudyMemo(joinMemo(c.sess.StudyMemo(), m.Text))
	}
	if _, err := b.Document(m.Document); err != nil {
		return nil
	}
	return c.SetDocumentMemo(m.Document, joinMemo(c.sess.DocumentMemo(m.Document), m.Text))
}

func joinMemo(old, add string) string {
	switch {
	case old == "" || old == add:
		return add
	case strings.Contains(old, add):
		return old
	}
	return old + "\n\n" + add
}

// importExemplars pins the exemplars a mixeval project records.
func (b *Study) importExemplars(path string, im *refiqda.Imported) error {
	if len(im.Exemplars) == 0 {
		return nil
	}
	var failed []string
	_, err := b.ChangeCodebook("import exemplars from "+filepath.Base(path), false, func(cb *codebook.Codebook, who string, _ func(string) int) (codebook.Remap, error) {
		failed = nil
		for _, id := range sortedIDs(im.Exemplars) {
			n := cb.Find(id)
			if n == nil {
				continue
			}
			for _, e := range im.Exemplars[id] {
				if slices.ContainsFunc(n.Exemplars, func(x codebook.Exemplar) bool { return x == e }) {
					continue
				}
				if err := cb.AddExemplar(who, id, e); err != nil {
					failed = append(failed, err.Error())
				}
			}
		}
		return nil, nil
	})
	if err != nil {
		return err
	}
	if len(failed) > 0 {
		return fmt.Errorf("some exemplars were not pinned: %s", strings.Join(failed, "; "))
	}
	return nil
}

func sortedIDs[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
