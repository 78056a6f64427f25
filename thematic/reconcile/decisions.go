package reconcile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/internal/yamlutil"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

// Request is one decision asked for, from the command line or a decisions
// file; Where names its place for messages ("decisions.csv:3").
type Request struct {
	Item     string
	Decision string // accept-a, accept-b, both, neither, edit
	Span     string // edit only: START-END
	Memo     string
	By       string
	Where    string
}

type decisionsYAML struct {
	Decisions []decisionYAML `yaml:"decisions"`
}

type decisionYAML struct {
	Item     string `yaml:"item"`
	Decision string `yaml:"decision"`
	Span     string `yaml:"span,omitempty"`
	Memo     string `yaml:"memo,omitempty"`
	By       string `yaml:"by,omitempty"`
}

// ReadDecisions reads a decisions file: CSV when name ends in .csv (header
// item,decision and optionally span, memo, by, in any order), else YAML (a
// list under "decisions:" with the same keys).
func ReadDecisions(name string, data []byte) ([]Request, error) {
	if strings.EqualFold(filepath.Ext(name), ".csv") {
		return readDecisionsCSV(name, data)
	}
	var y decisionsYAML
	root, err := yamlutil.DecodeStrict(name, data, &y)
	if err != nil {
		return nil, err
	}
	var out []Request
	var errs problem.List
	for i, d := range y.Decisions {
		n := yamlutil.Lookup(root, "decisions", i)
		if d.Item == "" || d.Decision == "" {
			errs = append(errs, yamlutil.At(name, n, "decision %d needs both item and decision", i+1))
			continue
		}
		where := name
		if n != nil {
			where = fmt.Sprintf("%s:%d", name, n.Line)
		}
		out = append(out, Request{Item: d.Item, Decision: d.Decision, Span: d.Span, Memo: d.Memo, By: d.By, Where: where})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

func readDecisionsCSV(name string, data []byte) ([]Request, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %v: expected a header item,decision[,span,memo,by]", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		switch h {
		case "item", "decision", "span", "memo", "by":
			if _, dup := col[h]; dup {
				return nil, fmt.Errorf("%s:1: column %q appears twice", name, h)
			}
			col[h] = i
		default:
			return nil, fmt.Errorf("%s:1: column %q is not known: use item, decision, span, memo, by", name, header[i])
		}
	}
	if _, ok := col["item"]; !ok {
		return nil, fmt.Errorf("%s:1: no column item: the header is item,decision[,span,memo,by]", name)
	}
	if _, ok := col["decision"]; !ok {
		return nil, fmt.Errorf("%s:1: no column decision: the header is item,decision[,span,memo,by]", name)
	}
	var out []Request
	var problems []string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		line, _ := r.FieldPos(0)
		get := func(k string) string {
			if i, ok := col[k]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		q := Request{Item: get("item"), Decision: get("decision"), Span: get("span"), Memo: get("memo"), By: get("by"), Where: fmt.Sprintf("%s:%d", name, line)}
		if q.Item == "" && q.Decision == "" && q.Memo == "" {
			continue // a blank line
		}
		if q.Item == "" || q.Decision == "" {
			problems = append(problems, fmt.Sprintf("%s: needs both item and decision", q.Where))
			continue
		}
		out = append(out, q)
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	return out, nil
}

// ParseRequest reads ITEM=DECISION as given to --decide; an edit gives its
// span as edit:START-END.
func ParseRequest(s string) (Request, error) {
	item, dec, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(item) == "" || strings.TrimSpace(dec) == "" {
		return Request{}, fmt.Errorf("%q is not ITEM=DECISION, e.g. 3fa2b1c9d0=accept-a", s)
	}
	q := Request{Item: strings.TrimSpace(item), Decision: strings.TrimSpace(dec), Where: s}
	if k, span, ok := strings.Cut(q.Decision, ":"); ok {
		q.Decision, q.Span = k, span
	}
	return q, nil
}

// Apply records the requests in order, all or none: the first one that
// fails leaves the consensus as it was and says where it came from. by and
// now fill in a request without its own by, and the time.
func (c *Consensus) Apply(reqs []Request, texts map[string]string, by string, now time.Time) error {
	if len(reqs) == 0 {
		return nil
	}
	backup, err := c.Marshal()
	if err != nil {
		return err
	}
	byID := c.itemsByID()
	for _, q := range reqs {
		d := Decision{Kind: q.Decision, Memo: q.Memo, By: q.By, At: now}
		if d.By == "" {
			d.By = by
		}
		if q.Span != "" {
			sp, err := triangulate.ParseSpan(q.Span)
			if err != nil {
				return c.restore(backup, fmt.Errorf("%s: %w", q.Where, err))
			}
			d.Span = sp
		} else if k, _ := ParseKind(q.Decision); k == Edit {
			return c.restore(backup, fmt.Errorf("%s: an edit needs a span, e.g. %s=edit:10-24", q.Where, q.Item))
		}
		it := byID[q.Item]
		if it == nil {
			_, err := c.lookup(q.Item)
			return c.restore(backup, fmt.Errorf("%s: %w", q.Where, err))
		}
		if err := c.decide(it, d, texts); err != nil {
			return c.restore(backup, fmt.Errorf("%s: %w", q.Where, err))
		}
	}
	c.rebuildSegments()
	return nil
}

func (c *Consensus) restore(backup []byte, cause error) error {
	old, err := Parse("consensus", backup)
	if err != nil {
		return errors.Join(cause, err)
	}
	old.loaded, old.fromDisk = c.loaded, c.fromDisk
	*c = *old
	return cause
}
