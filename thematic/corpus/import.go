package corpus

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/study"
)

// SourcesDir is the study folder's directory of imported data.
const SourcesDir = "sources"

// TextMapping maps one free-text column onto a question label.
type TextMapping struct {
	Column string
	Label  string // "" means Slug(Column)
}

// ParseTextMapping splits "COLUMN[=label]" at its last '='.
func ParseTextMapping(v string) TextMapping {
	if i := strings.LastIndex(v, "="); i > 0 {
		return TextMapping{Column: v[:i], Label: v[i+1:]}
	}
	return TextMapping{Column: v}
}

// ImportOptions says what to import and how its columns map onto documents.
type ImportOptions struct {
	// Path is a CSV/TSV file, an .xlsx workbook, a .txt file or a folder of
	// .txt files.
	Path  string
	Sheet string
	ID    string
	Texts []TextMapping
	Attrs []string
	// Replace makes a re-import's mapping exactly the one given: questions
	// and attributes of the earlier import that it does not name are
	// dropped. Without it they are kept (ImportResult.Kept lists them).
	Replace bool
	// DryRun checks everything and returns the result, writing nothing.
	DryRun bool
	// MaxFormBytes bounds the file read (DefaultMaxFormBytes when 0);
	// MaxAnswerBytes bounds one answer (DefaultMaxAnswerBytes when 0).
	MaxFormBytes   int64
	MaxAnswerBytes int64

	// streamFrom is the size from which a CSV file is streamed (see
	// stream.go); tests lower it.
	streamFrom int64
}

// Limits on what an import reads (docs/safety.md): a larger form, or a
// longer answer, is refused with its size and, for an answer, its row.
const (
	DefaultMaxFormBytes   = 512 << 20
	DefaultMaxAnswerBytes = 1 << 20
)

// ImportResult says what an import did.
type ImportResult struct {
	Source   study.Source
	Replaced bool // the source was imported before and has been updated
	// Documents are the source's documents after the import; nil when a
	// large file was streamed. Count is their number either way.
	Documents   []Document
	Count       int
	Respondents int
	Empty       int // documents with no text
	// Changed lists documents of the previous import whose text changed or
	// that are gone (see ChangedDocuments); segments coded on them need a look.
	Changed   []string
	Encoding  string
	Delimiter rune
	// OldOriginal is the previous import's original when it had another
	// name (feedback.csv re-imported from feedback.xlsx, or an updated
	// export, whose original gets a fresh name). It is kept.
	OldOriginal string
	// Kept lists what a re-import kept from the earlier mapping without
	// being told ("question improve", "attribute group"); Dropped what it
	// dropped because Replace was given.
	Kept, Dropped []string
	// Notes say how the file was read when that may surprise (a .txt file
	// read as a table); Warnings what looks wrong but was imported.
	Notes, Warnings []string
	// DryRun is set when nothing was written.
	DryRun bool
}

// NeedMappingError is returned when a table was given without saying which
// columns hold the id and the answers. mixeval never guesses: Table lets the
// caller show the columns found.
type NeedMappingError struct {
	Path  string
	Table *Table
	// Suggested is a mapping to show in an example, with labels that the
	// study's other sources do not use.
	Suggested ImportOptions
}

func (e *NeedMappingError) Error() string {
	return fmt.Sprintf("%s: say which column holds the respondent id and which hold answers", e.Path)
}

// Mapping roles: what a column was asked to be.
const (
	RoleID        = "id"
	RoleText      = "text"
	RoleAttribute = "attribute"
)

// MappingProblem is one thing wrong with the column mapping of an import.
// Role is RoleID, RoleText or RoleAttribute; Column is the name asked for
// (empty when the role was not given at all); NeedLabel says the fix is to
// give the text column a label of its own.
type MappingProblem struct {
	Role      string
	Column    string
	Msg       string
	NeedLabel bool
}

func (p MappingProblem) Error() string {
	if p.Column == "" {
		return fmt.Sprintf("%s column: %s", p.Role, p.Msg)
	}
	return fmt.Sprintf("%s column %q: %s", p.Role, p.Column, p.Msg)
}

// MappingError lists every problem with an import's column mapping; a front
// end words each in its own terms (flags, fields).
type MappingError struct{ Problems []MappingProblem }

func (e *MappingError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// InputKind is how a file is read: "csv", "xlsx" or "text".
func InputKind(path string) (string, error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("%s does not exist: give the path of a .csv, .xlsx or .txt file or of a folder of .txt files", path)
	}
	if err != nil {
		return "", err
	}
	if st.IsDir() {
		return "text", nil
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return "xlsx", nil
	case ".xls":
		return "", fmt.Errorf("%s is an old-style Excel file: open it in Excel and save as .xlsx (or CSV UTF-8)", path)
	case ".txt":
		return "text", nil
	}
	return "csv", nil
}

// ReadInput reads the file or folder at path into a table, reading at most
// DefaultMaxFormBytes.
func ReadInput(path, sheet string) (*Table, string, error) {
	return readInput(path, sheet, DefaultMaxFormBytes)
}

// readInput reads the file or folder at path into a table; only regular
// files, of at most limit bytes in all, are read. A .txt file that holds a
// table (Excel's "Unicode text" is UTF-16, tab-separated) is read as one,
// and the table's Note says so.
func readInput(path, sheet string, limit int64) (*Table, string, error) {
	kind, err := InputKind(path)
	if err != nil {
		return nil, "", err
	}
	name := path // errors name the file as the user gave it
	switch kind {
	case "text":
		files, err := readTextFiles(path, limit)
		if err != nil {
			return nil, kind, err
		}
		if st, err := os.Stat(path); err == nil && !st.IsDir() {
			if t, ok := sniffTable(name, files[0].Data); ok {
				return t, "csv", nil
			}
		}
		t, err := TextTable(files)
		return t, kind, err
	}
	b, err := safefile.ReadFile(path, limit)
	if err != nil {
		return nil, kind, err
	}
	if kind == "xlsx" {
		t, err := ReadXLSX(name, b, sheet)
		return t, kind, err
	}
	t, err := ReadCSV(name, b)
	return t, kind, err
}

// sniffTable reads a .txt file as a table when it is one: tab-separated
// (Excel's "Unicode text", Google's TSV) with the same number of columns,
// two or more, on its first rows, or comma-separated with three or more
// columns on at least three rows. Prose rarely has either.
func sniffTable(name string, data []byte) (*Table, bool) {
	text, _, err := DecodeText(data)
	if err != nil {
		return nil, false
	}
	for _, d := range []rune{'\t', ','} {
		cols, rows := sameColumns(text, d, 20)
		if cols >= 2 && rows >= 1 && (d == '\t' || cols >= 3 && rows >= 2) {
			t, err := ReadCSV(name, data)
			if err != nil || t.Delimiter != d {
				return nil, false
			}
			t.Notes = append(t.Notes, fmt.Sprintf("%s holds a %s-separated table, so it is read as a table, not as one answer", name, delimName(d)))
			return t, true
		}
	}
	return nil, false
}

// sameColumns parses up to n records of text with delimiter d and returns
// their column count and the number of records after the first, when every
// record has that count; 0 otherwise.
func sameColumns(text string, d rune, n int) (cols, rows int) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = d
	r.FieldsPerRecord = -1
	for i := 0; i < n; i++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, 0
		}
		if blank(rec) {
			continue
		}
		if cols == 0 {
			cols = len(rec)
			continue
		}
		if len(rec) != cols {
			return 0, 0
		}
		rows++
	}
	return cols, rows
}

// keptOriginalRe is the end of a kept original's name: NAME.original.EXT,
// or NAME.original-2.EXT when an earlier original had that name.
var keptOriginalRe = regexp.MustCompile(`\.original(-[0-9]+)?$`)

// importPaths returns where a source's normalised copy and original go,
// relative to the study folder (slash-separated, as in the manifest).
func importPaths(path, kind string) (normalised, original string) {
	base := filepath.Base(filepath.Clean(path))
	ext := filepath.Ext(base)
	if kind == "text" && ext != ".txt" {
		ext = "" // a folder
	}
	// Re-importing a kept original updates the same source.
	stem := keptOriginalRe.ReplaceAllString(strings.TrimSuffix(base, ext), "")
	slug := Slug(stem, 0)
	if slug == "" {
		slug = "source"
	}
	return SourcesDir + "/" + slug + ".csv", SourcesDir + "/" + slug + ".original" + strings.ToLower(ext)
}

// Import reads a feedback export into the study: it keeps the original in
// sources/ untouched, writes the normalised copy beside it, and adds (or, on
// re-import, updates) the source in mixeval.yaml, keeping the rest of the
// manifest as it was. Everything is checked before anything is written, so
// an error leaves the study as it was.
//
// Without ID and Texts, a source imported before from the same file name is
// re-imported with its recorded mapping; text files need no mapping (id is
// the file name, the answer is column "text", label "text" by default);
// otherwise a *NeedMappingError is returned.
func Import(s *study.Study, opt ImportOptions) (*ImportResult, error) {
	if opt.MaxFormBytes <= 0 {
		opt.MaxFormBytes = DefaultMaxFormBytes
	}
	if opt.MaxAnswerBytes <= 0 {
		opt.MaxAnswerBytes = DefaultMaxAnswerBytes
	}
	if res, ok, err := tryStream(s, opt); ok {
		return res, err
	}
	t, kind, err := readInput(opt.Path, opt.Sheet, opt.MaxFormBytes)
	if err != nil {
		return nil, err
	}
	normalised, original := importPaths(opt.Path, kind)
	prev := -1
	for i, src := range s.Manifest.Sources {
		if src.File == normalised {
			prev = i
		}
	}
	if len(t.Rows) == 0 {
		return nil, fmt.Errorf("%s has a header row but no answers: nothing to import", opt.Path)
	}
	src, err := mapping(opt, kind, t, s, prev)
	var need *NeedMappingError
	if errors.As(err, &need) {
		need.Suggested = suggestFree(t, s, prev)
	}
	if err != nil {
		return nil, err
	}
	src, kept, dropped := remap(s, prev, src, opt.Replace)
	src.File, src.Original = normalised, original
	if kind == "xlsx" {
		src.Sheet = opt.Sheet
		if src.Sheet == "" && prev >= 0 {
			src.Sheet = s.Manifest.Sources[prev].Sheet
		}
	}
	if err := checkLabels(s, prev, src); err != nil {
		return nil, err
	}
	// Errors name the file the user gave, not the copy not yet written.
	named := src
	named.File = opt.Path
	docs, rowErrs := BuildDocuments(named, t)
	if len(rowErrs) > 0 {
		return nil, rowErrs
	}
	if errs := checkAnswerSizes(named, t, opt.MaxAnswerBytes); len(errs) > 0 {
		return nil, errs
	}
	for i := range docs {
		docs[i].Source = src.File
	}
	res := &ImportResult{Source: src, Documents: docs, Encoding: t.Encoding, Delimiter: t.Delimiter,
		Respondents: len(t.Rows), Replaced: prev >= 0, Kept: kept, Dropped: dropped, Notes: t.Notes, DryRun: opt.DryRun,
		Count: len(docs)}
	if kind == "text" && len(docs) == 1 && tabsOnEveryLine(docs[0].Text) {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s was imported as one answer, but every line holds tabs: if it is a table saved as text, save it as CSV (or as a tab-separated .txt whose rows all have the same number of columns) and import that", opt.Path))
	}
	for _, d := range docs {
		if d.Text == "" {
			res.Empty++
		}
	}
	original, err = freeOriginal(s, opt.Path, kind, original)
	if err != nil {
		return nil, err
	}
	src.File, src.Original = normalised, original
	res.Source = src
	if prev >= 0 {
		if old := s.Manifest.Sources[prev].Original; old != "" && old != original {
			res.OldOriginal = old
		}
		if oldT, err := readNormalised(s, s.Manifest.Sources[prev]); err == nil {
			if old, errs := BuildDocuments(s.Manifest.Sources[prev], oldT); len(errs) == 0 {
				res.Changed = ChangedDocuments(old, docs)
			}
		}
	}
	manifest, err := manifestWithSource(s, prev, src)
	if err != nil {
		return nil, err
	}
	csvData, err := t.WriteCSV()
	if err != nil {
		return nil, err
	}
	if opt.DryRun {
		return res, nil
	}
	if err := writeImport(s, opt.Path, kind, original, normalised, csvData, manifest); err != nil {
		return nil, err
	}
	return res, nil
}

// tryStream imports a large CSV file as a stream (stream.go); ok is false
// when the file is small, not CSV, or not one the stream reads.
func tryStream(s *study.Study, opt ImportOptions) (*ImportResult, bool, error) {
	kind, err := InputKind(opt.Path)
	if err != nil || kind != "csv" {
		return nil, false, nil
	}
	st, err := os.Stat(opt.Path)
	if err != nil || !st.Mode().IsRegular() {
		return nil, false, nil
	}
	from := opt.streamFrom
	if from <= 0 {
		from = streamFrom
	}
	if st.Size() < from {
		return nil, false, nil
	}
	if st.Size() > opt.MaxFormBytes {
		return nil, true, &safefile.TooLargeError{Path: opt.Path, Size: st.Size(), Limit: opt.MaxFormBytes}
	}
	normalised, _ := importPaths(opt.Path, kind)
	prev := -1
	for i, src := range s.Manifest.Sources {
		if src.File == normalised {
			prev = i
		}
	}
	return streamImport(s, opt, prev)
}

// checkAnswerSizes refuses answers longer than limit bytes, naming each
// one's row and column: a pasted document or a broken export that ran rows
// together would otherwise slow every search.
func checkAnswerSizes(src study.Source, t *Table, limit int64) problem.List {
	var errs problem.List
	for _, q := range src.Questions {
		c := t.Column(q.Column)
		if c < 0 {
			continue
		}
		for _, r := range t.Rows {
			if n := int64(len(r.Cells[c])); n > limit {
				errs.Add(&problem.Problem{File: src.File, Row: r.Num, Line: r.Line, Field: t.Header[c],
					Msg: fmt.Sprintf("the answer is %s long, more than the %s that mixeval accepts for one answer: check the row (a missing quote runs rows together), or allow more", safefile.Bytes(n), safefile.Bytes(limit))})
			}
		}
	}
	return errs
}

func tabsOnEveryLine(text string) bool {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) < 2 {
		return false
	}
	for _, l := range lines {
		if !strings.Contains(l, "\t") {
			return false
		}
	}
	return true
}

// keepEarlier adds to a re-import's mapping the questions and attributes
// of the earlier import that it does not mention (by column), so that a
// re-import naming one question does not drop the others and orphan what
// was coded on them. It returns what it kept.
func keepEarlier(old, src study.Source) (study.Source, []string) {
	var kept []string
	hasCol := map[string]bool{}
	hasLabel := map[string]bool{}
	for _, q := range src.Questions {
		hasCol[q.Column] = true
		hasLabel[q.Label] = true
	}
	for _, q := range old.Questions {
		if !hasCol[q.Column] && !hasLabel[q.Label] {
			src.Questions = append(src.Questions, q)
			kept = append(kept, "question "+q.Label)
		}
	}
	for _, a := range old.Attributes {
		if !contains(src.Attributes, a) {
			src.Attributes = append(src.Attributes, a)
			kept = append(kept, "attribute "+a)
		}
	}
	return src, kept
}

// droppedFrom lists what a replacing re-import drops from the earlier
// mapping.
func droppedFrom(old, src study.Source) []string {
	_, kept := keepEarlier(old, src)
	return kept
}

// suggestFree is SuggestMapping with labels that the study's other sources
// do not use (a clash would make the example fail): "helped" becomes
// "helped-2".
func suggestFree(t *Table, s *study.Study, prev int) ImportOptions {
	opt := SuggestMapping(t)
	taken := map[string]bool{}
	for i, src := range s.Manifest.Sources {
		if i == prev {
			continue
		}
		for _, q := range src.Questions {
			taken[q.Label] = true
		}
	}
	for i := range opt.Texts {
		label := opt.Texts[i].Label
		if label == "" {
			continue
		}
		free := label
		for k := 2; taken[free]; k++ {
			free = fmt.Sprintf("%s-%d", label, k)
		}
		taken[free] = true
		opt.Texts[i].Label = free
	}
	return opt
}

// freeOriginal returns where the original of the file at path is kept:
// original itself when it is free, when it already holds the same bytes, or
// when path is that kept original; otherwise a fresh name beside it
// (feedback.original-2.csv). An original is never overwritten: it is the
// only byte-exact copy of what was imported.
func freeOriginal(s *study.Study, path, kind, original string) (string, error) {
	if kind == "text" {
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			return original, nil // a folder of answers: files are added, never overwritten with other bytes
		}
	}
	ext := filepath.Ext(original)
	stem := strings.TrimSuffix(original, ext)
	for k := 1; ; k++ {
		name := original
		if k > 1 {
			name = fmt.Sprintf("%s-%d%s", stem, k, ext)
		}
		dest := s.Path(name)
		if abs(dest) == abs(path) {
			return name, nil
		}
		same, exists, err := sameContent(dest, path)
		if err != nil {
			return "", err
		}
		if !exists || same {
			return name, nil
		}
	}
}

// sameContent compares the files a and b; exists is false when a does not
// exist.
func sameContent(a, b string) (same, exists bool, err error) {
	fa, err := os.Stat(a)
	if errors.Is(err, os.ErrNotExist) {
		return false, false, nil
	}
	if err != nil {
		return false, true, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, true, err
	}
	if fa.Size() != fb.Size() {
		return false, true, nil
	}
	ha, err := hashFile(a)
	if err != nil {
		return false, true, err
	}
	hb, err := hashFile(b)
	return ha == hb, true, err
}

func hashFile(path string) (string, error) {
	f, _, err := safefile.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// mapping builds the source entry from the options, the previous import or
// (for text) the defaults.
func mapping(opt ImportOptions, kind string, t *Table, s *study.Study, prev int) (study.Source, error) {
	if opt.ID == "" && len(opt.Texts) == 0 && len(opt.Attrs) == 0 {
		switch {
		case prev >= 0:
			old := s.Manifest.Sources[prev]
			return study.Source{ID: old.ID, Questions: old.Questions, Attributes: old.Attributes}, nil
		case kind == "text":
			return study.Source{ID: TextIDColumn, Questions: []study.Question{{Column: TextColumn, Label: TextColumn}}}, nil
		}
		return study.Source{}, &NeedMappingError{Path: opt.Path, Table: t}
	}
	if kind == "text" && opt.ID == "" {
		opt.ID = TextIDColumn
	}
	if kind == "text" && len(opt.Texts) == 0 {
		opt.Texts = []TextMapping{{Column: TextColumn}}
	}
	var errs []MappingProblem
	fail := func(role, column string, needLabel bool, format string, args ...any) {
		errs = append(errs, MappingProblem{Role: role, Column: column, NeedLabel: needLabel, Msg: fmt.Sprintf(format, args...)})
	}
	col := func(name, role string) string {
		i := t.Column(name)
		if m := t.looseMatches(name); i < 0 && len(m) > 1 {
			var names []string
			for _, j := range m {
				names = append(names, t.Header[j])
			}
			fail(role, name, false, "matches %d columns (%s): give the name exactly as in the file", len(m), quoteList(names))
			return name
		}
		if i < 0 {
			fail(role, name, false, "no such column; the columns are: %s", quoteList(t.Header))
			return name
		}
		if n := t.count(t.Header[i]); n > 1 {
			fail(role, name, false, "%d columns have this name; rename all but one in the file and import again", n)
		}
		return t.Header[i]
	}
	if opt.ID == "" {
		fail(RoleID, "", false, "missing: name the column that holds the respondent id")
	}
	if len(opt.Texts) == 0 {
		fail(RoleText, "", false, "missing: name at least one column of free-text answers")
	}
	src := study.Source{}
	if opt.ID != "" {
		src.ID = col(opt.ID, RoleID)
	}
	for _, m := range opt.Texts {
		if t.Column(m.Column) < 0 && m.Label != "" && t.Column(m.Column+"="+m.Label) >= 0 {
			m = TextMapping{Column: m.Column + "=" + m.Label} // a header holding '='
		}
		c := col(m.Column, RoleText)
		label := m.Label
		if label == "" {
			label = QuestionLabel(c)
		}
		switch {
		case label == "":
			fail(RoleText, m.Column, true, "cannot make a label from this column name; give it one")
		case !study.ValidLabel(label):
			fail(RoleText, m.Column, false, "label %q may hold only letters, digits, '.', '-' and '_'", label)
		}
		text := c
		if i := t.Column(c); i >= 0 && t.Wording != nil && t.Wording[i] != "" {
			text = t.Wording[i]
		}
		if kind == "text" {
			text = ""
		}
		src.Questions = append(src.Questions, study.Question{Column: c, Label: label, Text: text})
	}
	for _, a := range opt.Attrs {
		src.Attributes = append(src.Attributes, col(a, RoleAttribute))
	}
	if len(errs) > 0 {
		return src, &MappingError{Problems: errs}
	}
	return src, nil
}

// checkLabels refuses question labels used twice in the source or already
// used by another source: document ids would collide.
func checkLabels(s *study.Study, prev int, src study.Source) error {
	owner := map[string]string{}
	for i, other := range s.Manifest.Sources {
		if i == prev {
			continue
		}
		for _, q := range other.Questions {
			owner[q.Label] = other.File
		}
	}
	var errs []MappingProblem
	seen := map[string]string{}
	for _, q := range src.Questions {
		if f, ok := owner[q.Label]; ok {
			errs = append(errs, MappingProblem{Role: RoleText, Column: q.Column, NeedLabel: true,
				Msg: fmt.Sprintf("its label %q is already imported from %s: choose another label", q.Label, f)})
		}
		if c, ok := seen[q.Label]; ok {
			errs = append(errs, MappingProblem{Role: RoleText, Column: q.Column, NeedLabel: true,
				Msg: fmt.Sprintf("would get the label %q, as column %q does: give one of them its own label", q.Label, c)})
		}
		seen[q.Label] = q.Column
	}
	if len(errs) > 0 {
		return &MappingError{Problems: errs}
	}
	return nil
}

// manifestWithSource renders mixeval.yaml with src added (prev < 0) or in
// place of source prev. It edits the YAML tree rather than re-encoding the
// struct, so comments and everything else in the file stay as they were.
func manifestWithSource(s *study.Study, prev int, src study.Source) ([]byte, error) {
	var n yaml.Node
	if err := n.Encode(src); err != nil {
		return nil, err
	}
	root := s.Root
	if root == nil || root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: expected a mapping at the top", study.ManifestName)
	}
	var seq *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "sources" {
			seq = root.Content[i+1]
		}
	}
	if seq == nil || seq.Kind != yaml.SequenceNode {
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "sources"}
		val := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		if seq != nil { // "sources:" with no value
			*seq = *val
			val = seq
		} else {
			at := len(root.Content)
			for i := 0; i+1 < len(root.Content); i += 2 {
				if root.Content[i].Value == "measures" {
					at = i
					break
				}
			}
			root.Content = append(root.Content[:at], append([]*yaml.Node{key, val}, root.Content[at:]...)...)
		}
		seq = val
	}
	seq.Style = 0 // block style, one source per entry
	if prev >= 0 && prev < len(seq.Content) {
		seq.Content[prev] = &n
	} else {
		seq.Content = append(seq.Content, &n)
	}
	out, err := study.MarshalYAML(root)
	if err != nil {
		return nil, err
	}
	// The result must load: a manifest that does not is never written.
	if _, _, err := study.ParseManifest(study.ManifestName, out); err != nil {
		return nil, fmt.Errorf("the updated manifest would not be valid, nothing written:\n%w", err)
	}
	return out, nil
}

// writeImport writes the original copy, then the normalised copy, then the
// manifest, each atomically.
func writeImport(s *study.Study, path, kind, original, normalised string, csvData, manifest []byte) error {
	if err := safefile.MkdirAll(s.Dir, s.Path(SourcesDir)); err != nil {
		return err
	}
	if err := copyOriginal(path, kind, s.Path(original)); err != nil {
		return fmt.Errorf("keep the original in %s: %w", original, err)
	}
	if err := atomicfile.WriteFile(s.Path(normalised), csvData, 0o644); err != nil {
		return err
	}
	return atomicfile.WriteFile(s.ManifestPath(), manifest, 0o644)
}

// copyOriginal copies the file (or, for a folder of text files, every .txt
// file) byte for byte.
func copyOriginal(from, kind, to string) error {
	st, err := os.Stat(from)
	if err != nil {
		return err
	}
	if abs(from) == abs(to) {
		return nil // re-import of the kept original itself
	}
	if !st.IsDir() {
		b, err := safefile.ReadFile(from, 0)
		if err != nil {
			return err
		}
		return atomicfile.WriteFile(to, b, 0o644)
	}
	files, err := readTextFiles(from, 0)
	if err != nil {
		return err
	}
	if err := safefile.MkdirAll(filepath.Dir(filepath.Dir(to)), to); err != nil {
		return err
	}
	for _, f := range files {
		if err := atomicfile.WriteFile(filepath.Join(to, f.Name), f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// remap decides what a re-import keeps of the source's earlier mapping
// (prev < 0: a new source): without replace, the questions and attributes
// its flags do not name stay (kept lists them); with replace they go
// (dropped lists them).
func remap(s *study.Study, prev int, src study.Source, replace bool) (study.Source, []string, []string) {
	var kept, dropped []string
	if prev >= 0 && !replace {
		src, kept = keepEarlier(s.Manifest.Sources[prev], src)
	} else if prev >= 0 {
		dropped = droppedFrom(s.Manifest.Sources[prev], src)
	}
	return src, kept, dropped
}
