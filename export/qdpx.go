package export

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/export/refiqda"
	"github.com/mixeval/mixeval/quant"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// QDPX writes the study as a REFI-QDA project: every answer a text source
// (sources/<GUID>.txt, exactly the answer's text), every segment of every
// coder and of the consensus a selection holding a coding per code, the
// codebook, each respondent a case with their attributes and measures as
// variables (on each of their sources too), memos as notes, and a set of
// sources per change category of each measure. The guard runs over every
// text written; selections follow the redactions.
func QDPX(d *Data, g Guard) ([]byte, *Report, error) {
	q, err := newQDPX(d)
	if err != nil {
		return nil, nil, err
	}
	rep, err := q.guard(g)
	if err != nil {
		return nil, nil, err
	}
	p := q.project()
	if err := refiqda.CheckReferences(p); err != nil {
		return nil, nil, fmt.Errorf("internal: the project's references do not resolve: %w", err)
	}
	side, err := json.MarshalIndent(q.side(), "", "  ")
	if err != nil {
		return nil, nil, err
	}
	zipped, err := refiqda.WriteQDPX(p, q.texts, map[string][]byte{refiqda.SideFile: append(side, '\n')}, d.Now)
	if err != nil {
		return nil, nil, err
	}
	rep.Warnings = append(rep.Warnings, q.warnings...)
	return zipped, rep, nil
}

// qdpxBuild holds the study's texts as they will be written.
type qdpxBuild struct {
	d        *Data
	title    string
	cb       *codebook.Codebook
	docs     []qdpxDoc
	memos    *Memos
	segMemo  map[string]*string // SegmentMemoPlace → memo text
	attrs    map[string]map[string]string
	qtext    map[string]string // question label → wording
	texts    map[string]string // source GUID → text written
	measures []measureVars
	attrGUID map[string]string                  // attribute → variable GUID
	valuesOf map[string][]refiqda.VariableValue // respondent → variable values
	users    []string
	warnings []string
}

// qdpxDoc is an answer with its text and its selections as written.
type qdpxDoc struct {
	doc  *corpus.Document
	guid string
	text string
	sels []qdpxSel
}

type qdpxSel struct {
	coder      string
	seg        *coding.Segment
	start, end int
}

func newQDPX(d *Data) (*qdpxBuild, error) {
	q := &qdpxBuild{d: d, title: d.Title, memos: BuildMemos(d), segMemo: map[string]*string{},
		attrs: map[string]map[string]string{}, qtext: map[string]string{}, texts: map[string]string{}}
	q.measures = q.measureVars()
	q.attrGUID = map[string]string{}
	for _, a := range d.Attributes {
		q.attrGUID[a] = refiqda.GUID(refiqda.KindVariable, a)
	}
	q.valuesOf = make(map[string][]refiqda.VariableValue, len(d.Documents))
	q.cb = codebook.New()
	if d.Codebook != nil {
		q.cb = d.Codebook.Clone()
	}
	for _, qu := range d.Questions {
		q.qtext[qu.Label] = qu.Text
	}
	index := make(map[string]int, len(d.Documents))
	q.docs = make([]qdpxDoc, len(d.Documents))
	for i := range d.Documents {
		doc := &d.Documents[i]
		q.docs[i] = qdpxDoc{doc: doc, guid: refiqda.GUID(refiqda.KindSource, doc.ID), text: doc.Text}
		index[doc.ID] = i
		if _, ok := q.attrs[doc.Respondent]; !ok {
			q.attrs[doc.Respondent] = pickAttributes(doc.Attributes, d.Attributes)
		}
	}
	for _, f := range d.Codings {
		for i := range f.Segments {
			s := &f.Segments[i]
			k, ok := index[s.Document]
			if !ok {
				q.warnings = append(q.warnings, fmt.Sprintf("segment %s of %s is on %s, which the study no longer has: left out", s.ID, f.Coder, s.Document))
				continue
			}
			if n := utf8.RuneCountInString(q.docs[k].text); s.Start < 0 || s.End > n || s.Start >= s.End {
				q.warnings = append(q.warnings, fmt.Sprintf("segment %s of %s (%s %d-%d) lies outside its answer, which has changed: left out", s.ID, f.Coder, s.Document, s.Start, s.End))
				continue
			}
			q.docs[k].sels = append(q.docs[k].sels, qdpxSel{coder: f.Coder, seg: s, start: s.Start, end: s.End})
		}
	}
	for i := range q.memos.Memos {
		if m := &q.memos.Memos[i]; m.Kind == "segment" {
			q.segMemo[m.place] = &m.Text
		}
	}
	return q, nil
}

// guard runs the guard over every text of the project and maps the
// selections through the answers' redactions.
func (q *qdpxBuild) guard(g Guard) (*Report, error) {
	gs, err := newGuardSet(g)
	if err != nil {
		return nil, err
	}
	gs.free(TitlePlace, &q.title)
	for _, label := range sortedKeys(q.qtext) {
		t := q.qtext[label]
		gs.free(QuestionPlace(label), &t)
		label := label
		gs.after = append(gs.after, func() { q.qtext[label] = t })
	}
	q.cb.Walk(func(n, _ *codebook.Node) bool {
		for _, f := range nodeFields(n) {
			gs.free(CodebookPlace(n.ID, f.name), f.text)
		}
		return true
	})
	for i := range q.memos.Memos {
		gs.free(q.memos.Memos[i].place, &q.memos.Memos[i].Text)
	}
	for _, r := range sortedKeys(q.attrs) {
		guardAttributes(gs, r, q.attrs[r])
	}
	gs.grow(len(q.docs))
	n := 0
	for _, qd := range q.docs {
		n += len(qd.sels)
	}
	gs.growSpans(n)
	for i := range q.docs {
		qd := &q.docs[i]
		gs.answer(qd.doc, 0, &qd.text)
		for j := range qd.sels {
			gs.span(qd.doc, &qd.sels[j].start, &qd.sels[j].end)
		}
	}
	return gs.run(g.Redact)
}

// user returns the GUID of a person, adding them to the users.
func (q *qdpxBuild) user(name string) string {
	if name == "" {
		return ""
	}
	if !slices.Contains(q.users, name) {
		q.users = append(q.users, name)
	}
	return refiqda.GUID(refiqda.KindUser, name)
}

func (q *qdpxBuild) project() *refiqda.Project {
	for _, f := range q.d.Codings {
		q.user(f.Coder)
	}
	p := &refiqda.Project{Name: q.title, Origin: q.d.Origin, CreationDateTime: dateTime(q.d.Now)}
	if p.Name == "" {
		p.Name = "mixeval study"
	}
	notes, noteRefs := q.notes()
	p.CodeBook = q.codeBook(noteRefs)
	p.Variables, p.Cases = q.cases()
	p.Sources = q.sources(noteRefs)
	if len(notes) > 0 {
		p.Notes = &refiqda.Notes{Note: notes}
	}
	p.Sets = q.sets()
	p.NoteRefs = noteRefs[""]
	p.Description = q.description()
	creator := q.d.Who
	if !slices.Contains(q.users, creator) {
		creator = ""
		if len(q.users) > 0 {
			creator = q.users[0]
		}
	}
	if creator == "" {
		creator = "mixeval"
	}
	p.CreatingUserGUID = q.user(creator)
	p.Users = &refiqda.Users{}
	for _, u := range q.users {
		p.Users.User = append(p.Users.User, refiqda.User{GUID: refiqda.GUID(refiqda.KindUser, u), Name: u})
	}
	return p
}

func (q *qdpxBuild) description() string {
	var names []string
	for _, f := range q.d.Codings {
		names = append(names, f.Coder)
	}
	s := "Exported by " + q.d.Origin
	if q.title != "" {
		s += " from the study " + q.title
	}
	s += "."
	if len(names) > 0 {
		s += " Codings: " + strings.Join(names, ", ") + "."
	}
	return s
}

// notes makes a note of every memo but segment memos (which are their
// selection's description), and the references to them by owner element:
// "" the project, a source's GUID, a code's GUID.
func (q *qdpxBuild) notes() ([]refiqda.Note, map[string][]refiqda.Ref) {
	var notes []refiqda.Note
	refs := map[string][]refiqda.Ref{}
	for _, m := range q.memos.Memos {
		if m.Kind == "segment" {
			continue
		}
		text := m.Text
		n := refiqda.Note{GUID: refiqda.GUID(refiqda.KindNote, m.place), CreatingUser: q.user(m.Owner),
			CreationDateTime: dateTime(m.Date), PlainTextContent: &text}
		var owner string
		switch m.Kind {
		case "study":
			n.Name = m.Owner + ": memo on the study"
		case "answer":
			n.Name = m.Owner + ": memo on " + sourceName(q.docOf(m.Document))
			owner = refiqda.GUID(refiqda.KindSource, m.Document)
		case "decision":
			n.Name = "Reconciliation decision on " + sourceName(q.docOf(m.Document))
			owner = "-"
		default:
			n.Name = "Memo on " + m.Kind + " " + m.Target
			owner = refiqda.CodeGUID(m.Target)
		}
		notes = append(notes, n)
		if owner != "-" {
			refs[owner] = append(refs[owner], refiqda.Ref{TargetGUID: n.GUID})
		}
	}
	return notes, refs
}

func (q *qdpxBuild) docOf(id string) *corpus.Document {
	if d, ok := q.d.Document(id); ok {
		return d
	}
	return &corpus.Document{ID: id, Respondent: id}
}

// sourceName names a source after its respondent and question ("P04
// helped"), never with '/', which some tools read as a folder.
func sourceName(d *corpus.Document) string {
	if d.Question == "" {
		return strings.ReplaceAll(d.ID, "/", " ")
	}
	return strings.ReplaceAll(d.Respondent, "/", "-") + " " + d.Question
}

func (q *qdpxBuild) codeBook(noteRefs map[string][]refiqda.Ref) *refiqda.CodeBook {
	var convert func(ns []*codebook.Node) []refiqda.Code
	convert = func(ns []*codebook.Node) []refiqda.Code {
		var out []refiqda.Code
		for _, n := range ns {
			if n == nil {
				continue
			}
			g := refiqda.CodeGUID(n.ID)
			out = append(out, refiqda.Code{
				GUID: g, Name: n.Name, IsCodable: refiqda.Bool(n.Kind == codebook.Code),
				Description: Description(n), NoteRefs: noteRefs[g],
				Codes: append(convert(n.Subthemes), convert(n.Codes)...),
			})
		}
		return out
	}
	codes := append(convert(q.cb.Themes), convert(q.cb.Codes)...)
	// Codes the codings use that the codebook lacks still need a code to
	// point at.
	for _, id := range q.missingCodes() {
		codes = append(codes, refiqda.Code{GUID: refiqda.CodeGUID(id), Name: id, IsCodable: true})
		q.warnings = append(q.warnings, fmt.Sprintf("code %q is used in the coding but is not in the codebook: exported as a code named %q", id, id))
	}
	if len(codes) == 0 {
		return nil
	}
	return &refiqda.CodeBook{Codes: refiqda.Codes{Code: codes}}
}

func (q *qdpxBuild) missingCodes() []string {
	known := map[string]bool{}
	q.cb.Walk(func(n, _ *codebook.Node) bool { known[n.ID] = true; return true })
	missing := map[string]bool{}
	for _, qd := range q.docs {
		for _, s := range qd.sels {
			for _, c := range s.seg.Codes {
				if !known[c] {
					missing[c] = true
				}
			}
		}
	}
	return sortedKeys(missing)
}

// Description joins a node's definition, scope and central organising
// concept into one text, as REFI-QDA has one description per code; the
// import splits it again.
func Description(n *codebook.Node) string {
	var parts []string
	if d := strings.TrimSpace(n.Definition); d != "" {
		parts = append(parts, d)
	}
	if n.Scope != nil {
		if s := strings.TrimSpace(n.Scope.Include); s != "" {
			parts = append(parts, refiqda.IncludePrefix+s)
		}
		if s := strings.TrimSpace(n.Scope.Exclude); s != "" {
			parts = append(parts, refiqda.ExcludePrefix+s)
		}
	}
	if c := strings.TrimSpace(n.Concept); c != "" {
		parts = append(parts, refiqda.ConceptPrefix+c)
	}
	return strings.Join(parts, "\n\n")
}

// measureVars are the variables of one measure.
type measureVars struct {
	name                string
	pre, post, category string // variable GUIDs
	byRespondent        map[string]quant.Patient
}

func (q *qdpxBuild) measureVars() []measureVars {
	var out []measureVars
	for _, m := range q.d.Measures {
		mv := measureVars{name: m.Name, byRespondent: map[string]quant.Patient{},
			pre:      refiqda.GUID(refiqda.KindVariable, m.Name+" pre"),
			post:     refiqda.GUID(refiqda.KindVariable, m.Name+" post"),
			category: refiqda.GUID(refiqda.KindVariable, m.Name+" change category")}
		if m.Result != nil {
			for _, pt := range m.Patients {
				mv.byRespondent[pt.ID] = pt
			}
		}
		out = append(out, mv)
	}
	return out
}

func (q *qdpxBuild) cases() (*refiqda.Variables, *refiqda.Cases) {
	vars := &refiqda.Variables{}
	for _, a := range q.d.Attributes {
		vars.Variable = append(vars.Variable, refiqda.Variable{GUID: q.attrGUID[a], Name: a, TypeOfVariable: "Text"})
	}
	for _, mv := range q.measures {
		desc := refiqda.MeasureVariableNote + " (" + mv.name + ")"
		vars.Variable = append(vars.Variable,
			refiqda.Variable{GUID: mv.pre, Name: mv.name + " pre", TypeOfVariable: "Float", Description: desc},
			refiqda.Variable{GUID: mv.post, Name: mv.name + " post", TypeOfVariable: "Float", Description: desc},
			refiqda.Variable{GUID: mv.category, Name: mv.name + " change category", TypeOfVariable: "Text", Description: desc})
	}
	sources := map[string][]refiqda.Ref{}
	for _, qd := range q.docs {
		sources[qd.doc.Respondent] = append(sources[qd.doc.Respondent], refiqda.Ref{TargetGUID: qd.guid})
	}
	resp := q.d.respondents()
	cases := &refiqda.Cases{Case: make([]refiqda.Case, 0, len(resp))}
	for _, r := range resp {
		cases.Case = append(cases.Case, refiqda.Case{GUID: refiqda.GUID(refiqda.KindCase, r.ID), Name: r.ID,
			VariableValues: q.values(r.ID), SourceRefs: sources[r.ID]})
	}
	if len(vars.Variable) == 0 {
		vars = nil
	}
	if len(cases.Case) == 0 {
		cases = nil
	}
	return vars, cases
}

// values are a respondent's variable values: attributes (missing ones left
// out) and each measure's pre, post and change category.
func (q *qdpxBuild) values(respondent string) []refiqda.VariableValue {
	if vs, ok := q.valuesOf[respondent]; ok {
		return vs // a case and its sources share one list
	}
	out := make([]refiqda.VariableValue, 0, len(q.d.Attributes)+3*len(q.measures))
	text := func(guid, v string) refiqda.VariableValue {
		return refiqda.VariableValue{VariableRef: refiqda.Ref{TargetGUID: guid}, TextValue: &v}
	}
	float := func(guid string, x float64) refiqda.VariableValue {
		v := decimal(x)
		return refiqda.VariableValue{VariableRef: refiqda.Ref{TargetGUID: guid}, FloatValue: &v}
	}
	for _, a := range q.d.Attributes {
		if v := q.attrs[respondent][a]; v != "" {
			out = append(out, text(q.attrGUID[a], v))
		}
	}
	for _, mv := range q.measures {
		pt, ok := mv.byRespondent[respondent]
		if !ok {
			continue
		}
		// A score that is not a number is a missing value: left out.
		if finite(pt.Pre) != nil {
			out = append(out, float(mv.pre, pt.Pre))
		}
		if finite(pt.Post) != nil {
			out = append(out, float(mv.post, pt.Post))
		}
		out = append(out, text(mv.category, changeCategory(pt)))
	}
	q.valuesOf[respondent] = out
	return out
}

// changeCategory names the clinsig table cell: clinical significance, then
// reliable change.
func changeCategory(pt quant.Patient) string {
	return pt.ClinicalSignificance.String() + ", " + pt.ReliableChange.String()
}

func (q *qdpxBuild) sources(noteRefs map[string][]refiqda.Ref) *refiqda.Sources {
	if len(q.docs) == 0 {
		return nil
	}
	order := map[string]int{}
	for i, f := range q.d.Codings {
		order[f.Coder] = i
	}
	nonBMP := 0
	srcs := &refiqda.Sources{TextSource: make([]refiqda.TextSource, 0, len(q.docs))}
	for _, qd := range q.docs {
		g := qd.guid
		q.texts[g] = qd.text
		vs := q.values(qd.doc.Respondent)
		ts := refiqda.TextSource{GUID: g, Name: sourceName(qd.doc), PlainTextPath: refiqda.SourcePath(g),
			NoteRefs: noteRefs[g], VariableValues: vs}
		if w := q.qtext[qd.doc.Question]; w != "" {
			ts.Description = w
		}
		sels := slices.Clone(qd.sels)
		slices.SortStableFunc(sels, func(a, b qdpxSel) int {
			if order[a.coder] != order[b.coder] {
				return order[a.coder] - order[b.coder]
			}
			if a.start != b.start {
				return a.start - b.start
			}
			return a.end - b.end
		})
		astral := firstAstral(qd.text)
		for _, s := range sels {
			ts.Selections = append(ts.Selections, q.selection(s))
			if astral >= 0 && astral < s.end {
				nonBMP++
			}
		}
		srcs.TextSource = append(srcs.TextSource, ts)
	}
	if nonBMP > 0 {
		what := fmt.Sprintf("%d selections lie", nonBMP)
		if nonBMP == 1 {
			what = "1 selection lies"
		}
		q.warnings = append(q.warnings, what+" after or on an emoji or another character outside the Basic Multilingual Plane: tools that count UTF-16 units instead of characters will show them shifted")
	}
	return srcs
}

// firstAstral is the code point offset of the first character beyond
// U+FFFF in s, or -1.
func firstAstral(s string) int {
	i := 0
	for _, r := range s {
		if r > 0xFFFF {
			return i
		}
		i++
	}
	return -1
}

func (q *qdpxBuild) selection(s qdpxSel) refiqda.PlainTextSelection {
	key := s.coder + "\x00" + s.seg.ID
	user := q.user(s.coder)
	when := dateTime(s.seg.Created)
	sel := refiqda.PlainTextSelection{
		GUID: refiqda.GUID(refiqda.KindSelection, key), StartPosition: refiqda.Position(s.start), EndPosition: refiqda.Position(s.end),
		CreatingUser: user, CreationDateTime: when,
	}
	if m := q.segMemo[SegmentMemoPlace(s.coder, s.seg.ID)]; m != nil {
		sel.Description = *m
	}
	for _, c := range s.seg.Codes {
		sel.Codings = append(sel.Codings, refiqda.Coding{
			GUID: refiqda.GUID(refiqda.KindCoding, key+"\x00"+c), CreatingUser: user, CreationDateTime: when,
			CodeRef: refiqda.Ref{TargetGUID: refiqda.CodeGUID(c)},
		})
	}
	return sel
}

// sets makes a set of sources per change category of each measure: the
// answers of the respondents in that cell of the clinsig table.
func (q *qdpxBuild) sets() *refiqda.Sets {
	var out []refiqda.Set
	for _, mv := range q.measures {
		members := map[string][]refiqda.Ref{}
		var cats []string
		for _, qd := range q.docs {
			pt, ok := mv.byRespondent[qd.doc.Respondent]
			if !ok {
				continue
			}
			cat := changeCategory(pt)
			if _, seen := members[cat]; !seen {
				cats = append(cats, cat)
			}
			members[cat] = append(members[cat], refiqda.Ref{TargetGUID: qd.guid})
		}
		slices.Sort(cats)
		for _, cat := range cats {
			name := mv.name + ": " + cat
			out = append(out, refiqda.Set{GUID: refiqda.GUID(refiqda.KindSet, name), Name: name,
				Description:   "The answers of the respondents whose " + mv.name + " change was " + cat + " (reliable and clinically significant change, Jacobson & Truax 1991).",
				MemberSources: members[cat]})
		}
	}
	if len(out) == 0 {
		return nil // never an empty Sets element
	}
	return &refiqda.Sets{Set: out}
}

func (q *qdpxBuild) side() refiqda.Side {
	s := refiqda.Side{Version: 1, Codes: map[string]string{}, Documents: map[string]string{}, Coders: map[string]string{},
		Reviewed: map[string][]string{}, Exemplars: map[string][]codebook.Exemplar{}}
	q.cb.Walk(func(n, _ *codebook.Node) bool {
		s.Codes[refiqda.CodeGUID(n.ID)] = n.ID
		if len(n.Exemplars) > 0 {
			s.Exemplars[n.ID] = n.Exemplars
		}
		return true
	})
	for _, qd := range q.docs {
		s.Documents[qd.guid] = qd.doc.ID
	}
	for _, f := range q.d.Codings {
		s.Coders[refiqda.GUID(refiqda.KindUser, f.Coder)] = f.Coder
		if f.Coder != study.ConsensusCoder {
			s.Reviewed[f.Coder] = append([]string{}, f.Reviewed...)
		}
	}
	return s
}

// dateTime is t as xsd:dateTime in UTC; empty for the zero time.
func dateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
