package backend

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mixeval/mixeval/export"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/privacy"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// PrivacyNames returns the names the personal-data detector looks for
// besides its own lists: the manifest's identifiers (staff names, say) and
// the values of its identifying columns, read now from each source's
// normalised copy and never stored anywhere else. A column that no source
// has is an error: a misspelt column would silently protect no one.
func (b *Study) PrivacyNames() ([]string, error) {
	st := b.Manifest()
	id := st.Manifest.Identifiers
	if id == nil {
		return nil, nil
	}
	names := slices.Clone(id.Names)
	found := make([]bool, len(id.Columns))
	seen := map[string]bool{}
	for _, src := range st.Manifest.Sources {
		if len(id.Columns) == 0 {
			break
		}
		data, err := safefile.ReadFile(st.Path(src.File), 0)
		if err != nil {
			return nil, fmt.Errorf("read the identifying columns of %s: %w", src.File, err)
		}
		t, err := corpus.ReadNormalised(src.File, data)
		if err != nil {
			return nil, err
		}
		for i, c := range id.Columns {
			col := t.Column(c)
			if col < 0 {
				continue
			}
			found[i] = true
			for _, r := range t.Rows {
				if v := strings.TrimSpace(r.Cells[col]); v != "" && !seen[v] {
					seen[v] = true
					names = append(names, v)
				}
			}
		}
	}
	for i, ok := range found {
		if !ok {
			return nil, &MissingColumnError{Column: id.Columns[i]}
		}
	}
	return names, nil
}

// MissingColumnError is an identifying column that no source has.
type MissingColumnError struct{ Column string }

func (e *MissingColumnError) Error() string {
	return fmt.Sprintf("identifying column %q (identifiers in mixeval.yaml) is in none of the study's sources: correct its name, so that its values are looked for in the answers", e.Column)
}

// PrivacyDetector returns a detector that knows the study's names.
func (b *Study) PrivacyDetector() (*privacy.Detector, error) {
	names, err := b.PrivacyNames()
	if err != nil {
		return nil, err
	}
	return privacy.NewDetector(names), nil
}

// PrivacyDecisions reads privacy.yaml (empty when missing).
func (b *Study) PrivacyDecisions() (*privacy.File, error) {
	return privacy.Load(b.layout.Privacy())
}

// Guard returns the personal-data guard for an export: the study's
// detector and its decisions as they are now.
func (b *Study) Guard() (*privacy.Guard, error) {
	d, err := b.PrivacyDetector()
	if err != nil {
		return nil, err
	}
	f, err := b.PrivacyDecisions()
	if err != nil {
		return nil, err
	}
	return &privacy.Guard{Detector: d, Decisions: f.Decisions}, nil
}

// PrivacyScan is every finding in what the study's exports may write.
type PrivacyScan struct {
	// Findings in the answers first (by answer id, then start), then in
	// free text: codebook, memos, attribute values (by place name).
	Findings []privacy.Finding
	// Stale are decisions no finding matches any more: their answer or
	// text changed, or is gone.
	Stale []privacy.Decision
	// Answers and Texts count what was scanned.
	Answers, Texts int
}

// ScanPrivacy finds the personal data in every answer and in every free
// text an export may write, each with its decision (redact, allow, none,
// stale).
func (b *Study) ScanPrivacy() (*PrivacyScan, error) {
	det, err := b.PrivacyDetector()
	if err != nil {
		return nil, err
	}
	f, err := b.PrivacyDecisions()
	if err != nil {
		return nil, err
	}
	return b.scanWith(det, f.Decisions)
}

func (b *Study) scanWith(det *privacy.Detector, decisions []privacy.Decision) (*PrivacyScan, error) {
	data, err := b.exportData(exportNeeds{allCodings: true, noUsed: true})
	if err != nil {
		return nil, err
	}
	docs := make([]privacy.Document, len(data.Documents))
	for i, d := range data.Documents {
		docs[i] = privacy.Document{ID: d.ID, Text: d.Text, Hash: d.Hash}
	}
	var fs []privacy.Finding
	for _, d := range docs {
		fs = append(fs, det.FindIn(d)...)
	}
	texts := export.FreeTexts(data)
	clean := map[string]bool{}
	for _, t := range texts {
		c, seen := clean[t.Text]
		if !seen {
			c = len(det.Detect(t.Text)) == 0
			clean[t.Text] = c
		}
		if !c {
			fs = append(fs, det.FindIn(t)...)
		}
	}
	res := privacy.Resolve(fs, decisions)
	return &PrivacyScan{Findings: res.Findings, Stale: res.Stale, Answers: len(docs), Texts: len(texts)}, nil
}

// PrivacyRequest records decisions on findings.
type PrivacyRequest struct {
	// Findings are finding ids, as the scan reports them.
	Findings []string
	// Kind, when set, decides every finding of that kind that has no
	// decision yet (or a stale one).
	Kind   privacy.Kind
	Action privacy.Action
	Memo   string
}

// PrivacyDecided says what DecidePrivacy recorded.
type PrivacyDecided struct {
	Decided []privacy.Finding
	// Kept are findings of Kind already decided, left as they were.
	Kept []privacy.Finding
	// Dropped counts stale decisions on the same texts that the new ones
	// replace.
	Dropped int
}

// UnknownFindingError names finding ids the scan does not report.
type UnknownFindingError struct{ IDs []string }

func (e *UnknownFindingError) Error() string {
	return fmt.Sprintf("no finding has the id %s: ids change when an answer changes, so scan again for the current ones", strings.Join(e.IDs, ", "))
}

// ErrAllowNeedsMemo: an allow decision says why the finding may leave the
// study.
var ErrAllowNeedsMemo = errors.New("an allow decision needs a memo saying why this may leave the study")

// DecidePrivacy records decisions in privacy.yaml under its lock, with the
// file re-read inside it, so that two researchers deciding at once both
// keep their decisions. A decision replaces an earlier one on the same
// finding, and the stale decisions on the same text and kind (made before
// the answer changed) go.
func (b *Study) DecidePrivacy(req PrivacyRequest) (*PrivacyDecided, error) {
	if req.Action != privacy.ActionRedact && req.Action != privacy.ActionAllow {
		return nil, fmt.Errorf("action %q is not known: redact or allow", req.Action)
	}
	if req.Action == privacy.ActionAllow && strings.TrimSpace(req.Memo) == "" {
		return nil, ErrAllowNeedsMemo
	}
	if req.Kind != "" && !req.Kind.Valid() {
		return nil, fmt.Errorf("kind %q is not known: one of %s", req.Kind, kindNames())
	}
	if len(req.Findings) == 0 && req.Kind == "" {
		return nil, errors.New("name the findings to decide, or a kind")
	}
	det, err := b.PrivacyDetector()
	if err != nil {
		return nil, err
	}
	l, err := b.lock("privacy", string(req.Action))
	if err != nil {
		return nil, err
	}
	defer l.Release()
	file, err := b.PrivacyDecisions()
	if err != nil {
		return nil, err
	}
	scan, err := b.scanWith(det, file.Decisions)
	if err != nil {
		return nil, err
	}
	out, err := pickFindings(scan.Findings, req)
	if err != nil {
		return nil, err
	}
	now := b.opt.Now()
	var add []privacy.Decision
	superseded := map[[2]string]bool{}
	for _, f := range out.Decided {
		add = append(add, privacy.NewDecision(f, req.Action, b.opt.Who, now, req.Memo))
		superseded[[2]string{f.Doc, string(f.Kind)}] = true
	}
	var drop []privacy.Key
	for _, d := range scan.Stale {
		if superseded[[2]string{d.Doc, string(d.Kind)}] {
			drop = append(drop, d.Key())
		}
	}
	out.Dropped = len(drop)
	file.Decisions = privacy.Decide(privacy.Without(file.Decisions, drop...), add...)
	if err := privacy.Save(b.layout.Privacy(), file); err != nil {
		return nil, err
	}
	return out, nil
}

// pickFindings selects the findings a request names.
func pickFindings(all []privacy.Finding, req PrivacyRequest) (*PrivacyDecided, error) {
	out := &PrivacyDecided{}
	byID := make(map[string]privacy.Finding, len(all))
	for _, f := range all {
		byID[f.ID] = f
	}
	var unknown []string
	picked := map[string]bool{}
	for _, id := range req.Findings {
		f, ok := byID[id]
		if !ok {
			unknown = append(unknown, id)
			continue
		}
		if !picked[id] {
			picked[id] = true
			out.Decided = append(out.Decided, f)
		}
	}
	if len(unknown) > 0 {
		return nil, &UnknownFindingError{IDs: unknown}
	}
	if req.Kind != "" {
		for _, f := range all {
			if f.Kind != req.Kind || picked[f.ID] {
				continue
			}
			picked[f.ID] = true
			if f.Status == privacy.Undecided || f.Status == privacy.Stale {
				out.Decided = append(out.Decided, f)
			} else {
				out.Kept = append(out.Kept, f)
			}
		}
	}
	return out, nil
}

func kindNames() string {
	var s []string
	for _, k := range privacy.Kinds() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}
