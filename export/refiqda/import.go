package refiqda

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/study"
)

// Imported is what a project or codebook file brings into a study, in the
// study's terms: codes by GUID with their ids when known, answers with
// respondent, question and attributes, segments by coder.
type Imported struct {
	Codes     []ImportedCode
	Documents []ImportedDocument
	Segments  []ImportedSegment
	// Memos are coders' memos on the study (Document empty) or on answers.
	Memos []ImportedMemo
	// Reviewed lists, per coder, the answers reviewed (mixeval's own
	// projects only).
	Reviewed map[string][]string
	// Exemplars are pinned quotes by code id (mixeval's own projects).
	Exemplars map[string][]codebook.Exemplar
	// Attributes are the attribute names, in the order first met.
	Attributes []string
	// Skipped says, one sentence each, what was left out.
	Skipped []string
}

// ImportedCode is a code or theme. ID is the id it had in the study that
// wrote the file, when known; Codable codes with children come in as a
// theme holding a code of the same name.
type ImportedCode struct {
	GUID                                  string
	ID                                    string
	Name                                  string
	Codable                               bool
	Definition, Include, Exclude, Concept string
	Memo                                  string
	Children                              []ImportedCode
}

// ImportedDocument is one answer.
type ImportedDocument struct {
	GUID       string
	ID         string // respondent/question
	Respondent string
	Question   string
	// QuestionText is the question's wording, when the source says it.
	QuestionText string
	Text         string
	Attributes   map[string]string
	// positions maps the source's positions onto Text.
	positions PositionMap
}

// ImportedSegment is one coded selection.
type ImportedSegment struct {
	Coder    string
	Document string
	Start    int
	End      int
	// Codes are code GUIDs (NormalGUID).
	Codes []string
	Memo  string
}

// ImportedMemo is a coder's memo on the study or an answer.
type ImportedMemo struct {
	Coder    string
	Document string
	Text     string
}

// FromQDC reads a codebook file's codes.
func FromQDC(c *CodebookFile) *Imported {
	im := &Imported{}
	im.Codes = importCodes(c.Codes.Code, nil, nil)
	return im
}

// FromPackage turns a project into what a study imports: answers named by
// respondent and question (from mixeval's side file, else from the cases
// and source names), their texts normalised with the selections moved to
// match, codes, segments by coder (from the side file's coder names, else
// a slug of the user's name), memos. defaultCoder names the coder of
// selections that name no user.
func FromPackage(pkg *Package, defaultCoder string) *Imported {
	im := &Imported{Skipped: slices.Clone(pkg.Skipped)}
	p := pkg.Project
	side := readSide(pkg, im)
	notes := notesByGUID(p)
	if p.CodeBook != nil {
		im.Codes = importCodes(p.CodeBook.Codes.Code, side, notes)
	}
	if side != nil {
		im.Reviewed = side.Reviewed
		im.Exemplars = side.Exemplars
	}
	users := userNames(p, side)
	coderOf := func(guid string) string {
		if c, ok := users[NormalGUID(guid)]; ok {
			return c
		}
		if c, ok := users[NormalGUID(p.CreatingUserGUID)]; ok && guid == "" {
			return c
		}
		return defaultCoder
	}
	im.documents(pkg, side)
	byGUID := map[string]*ImportedDocument{}
	for i := range im.Documents {
		byGUID[im.Documents[i].GUID] = &im.Documents[i]
	}
	if p.Sources == nil {
		return im
	}
	for _, s := range p.Sources.TextSource {
		doc := byGUID[NormalGUID(s.GUID)]
		if doc == nil {
			continue
		}
		for _, sel := range s.Selections {
			im.selection(doc, sel, coderOf)
		}
		for _, c := range s.Codings {
			// A coding of the whole source.
			whole := PlainTextSelection{StartPosition: 0, EndPosition: Position(len([]rune(pkg.Texts[doc.GUID]))), CreatingUser: c.CreatingUser, Codings: []Coding{c}}
			im.selection(doc, whole, coderOf)
		}
		for _, r := range s.NoteRefs {
			if n, ok := notes[NormalGUID(r.Target())]; ok {
				im.Memos = append(im.Memos, ImportedMemo{Coder: coderOf(n.CreatingUser), Document: doc.ID, Text: noteText(n)})
			}
		}
	}
	for _, r := range p.NoteRefs {
		if n, ok := notes[NormalGUID(r.Target())]; ok {
			im.Memos = append(im.Memos, ImportedMemo{Coder: coderOf(n.CreatingUser), Text: noteText(n)})
		}
	}
	return im
}

func readSide(pkg *Package, im *Imported) *Side {
	b, ok := pkg.Extra[SideFile]
	if !ok {
		return nil
	}
	var s Side
	if err := json.Unmarshal(b, &s); err != nil || s.Version != 1 {
		im.skip("%s is not readable (%v): names are taken from the project instead", SideFile, err)
		return nil
	}
	norm := func(m map[string]string) map[string]string {
		out := make(map[string]string, len(m))
		for k, v := range m {
			out[NormalGUID(k)] = v
		}
		return out
	}
	s.Codes, s.Documents, s.Coders = norm(s.Codes), norm(s.Documents), norm(s.Coders)
	return &s
}

func (im *Imported) skip(format string, args ...any) {
	im.Skipped = append(im.Skipped, fmt.Sprintf(format, args...))
}

func notesByGUID(p *Project) map[string]Note {
	out := map[string]Note{}
	if p.Notes != nil {
		for _, n := range p.Notes.Note {
			out[NormalGUID(n.GUID)] = n
		}
	}
	return out
}

func noteText(n Note) string {
	if n.PlainTextContent != nil {
		t, _ := Normalize(*n.PlainTextContent)
		return t
	}
	return strings.TrimSpace(n.Description)
}

// userNames maps user GUIDs to coder names: the side file's, else a slug
// of the user's name (else of their id).
func userNames(p *Project, side *Side) map[string]string {
	out := map[string]string{}
	if p.Users == nil {
		return out
	}
	for _, u := range p.Users.User {
		g := NormalGUID(u.GUID)
		if side != nil && side.Coders[g] != "" {
			out[g] = side.Coders[g]
			continue
		}
		name := codebook.Slug(u.Name)
		if name == "" {
			name = codebook.Slug(u.ID)
		}
		if name != "" {
			out[g] = name
		}
	}
	return out
}

// importCodes converts a code tree; side gives ids, notes the memos.
func importCodes(codes []Code, side *Side, notes map[string]Note) []ImportedCode {
	var out []ImportedCode
	for _, c := range codes {
		ic := ImportedCode{GUID: NormalGUID(c.GUID), Name: cleanName(c.Name), Codable: bool(c.IsCodable)}
		if side != nil {
			ic.ID = side.Codes[ic.GUID]
		}
		ic.Definition, ic.Include, ic.Exclude, ic.Concept = splitDescription(c.Description)
		var memos []string
		for _, r := range c.NoteRefs {
			if n, ok := notes[NormalGUID(r.Target())]; ok {
				memos = append(memos, noteText(n))
			}
		}
		ic.Memo = strings.Join(memos, "\n\n")
		ic.Children = importCodes(c.Codes, side, notes)
		out = append(out, ic)
	}
	return out
}

// cleanName makes a code name one line; an empty one gets a placeholder.
func cleanName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "Unnamed code"
	}
	return s
}

// splitDescription undoes what a mixeval export joins (see
// export.Description): paragraphs starting "Include: ", "Exclude: " and
// "Central organising concept: " go to their fields, the rest is the
// definition. A description from another tool is all definition.
func splitDescription(d string) (def, include, exclude, concept string) {
	d, _ = Normalize(d)
	var rest []string
	for _, p := range strings.Split(d, "\n\n") {
		switch {
		case strings.HasPrefix(p, IncludePrefix):
			include = strings.TrimPrefix(p, IncludePrefix)
		case strings.HasPrefix(p, ExcludePrefix):
			exclude = strings.TrimPrefix(p, ExcludePrefix)
		case strings.HasPrefix(p, ConceptPrefix):
			concept = strings.TrimPrefix(p, ConceptPrefix)
		default:
			rest = append(rest, p)
		}
	}
	return strings.TrimSpace(strings.Join(rest, "\n\n")), include, exclude, concept
}

// The paragraphs of a code's description that hold its scope and central
// organising concept, as export.Description writes them: REFI-QDA has one
// description per code.
const (
	IncludePrefix = "Include: "
	ExcludePrefix = "Exclude: "
	ConceptPrefix = "Central organising concept: "
)

// documents names every text source with a text as an answer.
func (im *Imported) documents(pkg *Package, side *Side) {
	p := pkg.Project
	if p.Sources == nil {
		return
	}
	caseOf, vars := im.cases(p)
	taken := map[string]bool{}
	for _, s := range p.Sources.TextSource {
		g := NormalGUID(s.GUID)
		raw, ok := pkg.Texts[g]
		if !ok {
			continue
		}
		doc := ImportedDocument{GUID: g, Attributes: map[string]string{}}
		doc.Text, doc.positions = Normalize(raw)
		c := caseOf[g]
		switch {
		case side != nil && side.Documents[g] != "":
			doc.ID = side.Documents[g]
			i := strings.LastIndexByte(doc.ID, '/')
			if i <= 0 || i == len(doc.ID)-1 {
				im.skip("text source %q: %s names it %q, which is not respondent/question", s.Name, SideFile, doc.ID)
				continue
			}
			doc.Respondent, doc.Question = doc.ID[:i], doc.ID[i+1:]
		default:
			doc.Respondent, doc.Question = nameDocument(s.Name, c)
		}
		doc.ID = doc.Respondent + "/" + doc.Question
		for k := 2; taken[doc.ID]; k++ {
			doc.Respondent = fmt.Sprintf("%s-%d", strings.TrimRight(doc.Respondent, "-0123456789"), k)
			doc.ID = doc.Respondent + "/" + doc.Question
		}
		taken[doc.ID] = true
		doc.QuestionText = strings.Join(strings.Fields(s.Description), " ")
		values := s.VariableValues
		if c != nil {
			values = append(slices.Clone(c.VariableValues), values...)
		}
		for _, v := range values {
			name, ok := vars[NormalGUID(v.VariableRef.Target())]
			if !ok {
				continue
			}
			if _, set := doc.Attributes[name]; !set {
				doc.Attributes[name] = strings.Join(strings.Fields(v.Value()), " ")
			}
			if !slices.Contains(im.Attributes, name) {
				im.Attributes = append(im.Attributes, name)
			}
		}
		im.Documents = append(im.Documents, doc)
	}
}

// cases maps each source to the case that holds it, and each variable
// GUID to its name, leaving out the measure results mixeval computes.
func (im *Imported) cases(p *Project) (map[string]*Case, map[string]string) {
	caseOf := map[string]*Case{}
	if p.Cases != nil {
		for i := range p.Cases.Case {
			c := &p.Cases.Case[i]
			for _, r := range c.SourceRefs {
				if _, ok := caseOf[NormalGUID(r.Target())]; !ok {
					caseOf[NormalGUID(r.Target())] = c
				}
			}
		}
	}
	vars := map[string]string{}
	if p.Variables != nil {
		for _, v := range p.Variables.Variable {
			if strings.HasPrefix(v.Description, MeasureVariableNote) {
				continue
			}
			if name := strings.Join(strings.Fields(v.Name), " "); name != "" {
				vars[NormalGUID(v.GUID)] = name
			}
		}
	}
	return caseOf, vars
}

// MeasureVariableNote opens the description of the variables mixeval
// computes from outcome measures; the import leaves them out, as they are
// results, not data.
const MeasureVariableNote = "Outcome measure result computed by mixeval"

// nameDocument makes a respondent and question from a source's name and
// its case: the case names the respondent, and the rest of the source's
// name ("P04 helped" of case P04) the question; without a case, a name
// "X label" splits at its last space; else the whole name is the
// respondent and the question is "text".
func nameDocument(name string, c *Case) (respondent, question string) {
	name = strings.Join(strings.Fields(strings.ReplaceAll(name, "/", "-")), " ")
	if c != nil && c.Name != "" {
		resp := strings.Join(strings.Fields(strings.ReplaceAll(c.Name, "/", "-")), " ")
		if rest, ok := strings.CutPrefix(name, resp+" "); ok && study.ValidLabel(rest) {
			return resp, rest
		}
		return resp, "text"
	}
	if i := strings.LastIndexByte(name, ' '); i > 0 && study.ValidLabel(name[i+1:]) {
		return name[:i], name[i+1:]
	}
	if name == "" {
		name = "source"
	}
	return name, "text"
}

// selection adds a selection's codings as a segment, its positions moved
// onto the normalised text.
func (im *Imported) selection(doc *ImportedDocument, sel PlainTextSelection, coderOf func(string) string) {
	if sel.StartPosition < 0 || sel.EndPosition < 0 {
		im.skip("a selection in %s has a position that is not a whole number: skipped", doc.ID)
		return
	}
	start, end := doc.positions.Map(int(sel.StartPosition)), doc.positions.Map(int(sel.EndPosition))
	if start >= end {
		im.skip("a selection in %s (%d-%d) is empty once the text is normalised: skipped", doc.ID, sel.StartPosition, sel.EndPosition)
		return
	}
	seg := ImportedSegment{Coder: coderOf(sel.CreatingUser), Document: doc.ID, Start: start, End: end}
	seg.Memo, _ = Normalize(sel.Description)
	for _, c := range sel.Codings {
		if g := NormalGUID(c.CodeRef.Target()); g != "" && !slices.Contains(seg.Codes, g) {
			seg.Codes = append(seg.Codes, g)
		}
	}
	if len(seg.Codes) == 0 {
		im.skip("a selection in %s (%d-%d) carries no code: skipped", doc.ID, sel.StartPosition, sel.EndPosition)
		return
	}
	im.Segments = append(im.Segments, seg)
}
