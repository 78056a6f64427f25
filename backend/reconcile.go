package backend

import (
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/reconcile"
)

// ReconcileRequest asks for the consensus to be brought up to date and,
// optionally, for decisions to be recorded or withdrawn.
type ReconcileRequest struct {
	// Coders are the two coders (default: the consensus's own, else the
	// study's two coders).
	Coders []string
	// Overlap is used when the consensus is first built (0: the file's, or
	// the default).
	Overlap   float64
	Decisions []reconcile.Request
	// DecisionsFile, when set, is a CSV or YAML file of decisions applied
	// (all or none) before Decisions.
	DecisionsFile string
	Undo          []string
	// By names who decides (default: the study's Who).
	By string
	// ReadOnly works out the consensus as an update would leave it, in
	// memory, and writes nothing (a listing).
	ReadOnly bool
}

// Reconciliation is the consensus after a request, with the documents'
// texts for showing items in context.
type Reconciliation struct {
	Consensus *reconcile.Consensus
	Update    reconcile.UpdateResult
	Texts     map[string]string
	// Saved is false for a read-only request.
	Saved bool
	// Decided counts the decisions recorded by this request.
	Decided int
}

// Reconcile updates coding/consensus.yaml from the two coders' codings and
// applies the requested decisions and withdrawals, all or none, under the
// consensus's lock with the file re-read inside it, so that two people
// deciding at once both keep their decisions.
func (b *Study) Reconcile(req ReconcileRequest) (*Reconciliation, error) {
	if req.By == "" {
		req.By = b.opt.Who
	}
	if req.DecisionsFile != "" {
		data, err := safefile.ReadFile(req.DecisionsFile, 0)
		if err != nil {
			return nil, fmt.Errorf("read decisions file: %w", err)
		}
		fromFile, err := reconcile.ReadDecisions(req.DecisionsFile, data)
		if err != nil {
			return nil, err
		}
		req.Decisions = append(fromFile, req.Decisions...)
	}
	if !req.ReadOnly {
		l, err := b.lock("consensus", "reconcile")
		if err != nil {
			return nil, err
		}
		defer l.Release()
	}
	existing, err := reconcile.Load(b.layout.Dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	asked := req.Coders
	if len(asked) == 0 && existing != nil {
		asked = existing.Coders[:]
	}
	names, err := b.ResolveCoders(asked)
	if err != nil {
		return nil, err
	}
	if len(names) != 2 {
		return nil, fmt.Errorf("reconciliation takes two coders, and %d were given (%v): name two", len(names), names)
	}
	docs, err := b.Documents()
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, NoDocumentsError
	}
	now := b.opt.Now()
	// The consensus read above is brought up to date (reconcile.Build
	// would read the file a second time: a second or more at 100,000
	// answers).
	c := existing
	if c == nil {
		c = reconcile.New(names[0], names[1])
	}
	var coded [2]*coding.File
	for i := range coded {
		if coded[i], err = coding.Read(b.layout.Dir, names[i]); err != nil {
			return nil, err
		}
	}
	res, err := c.Update(coded[0], coded[1], docs,
		reconcile.Options{Overlap: req.Overlap, By: req.By, Now: func() time.Time { return now }})
	if err != nil {
		return nil, err
	}
	texts := make(map[string]string, len(docs))
	for _, d := range docs {
		texts[d.ID] = d.Text
	}
	if err := c.Apply(req.Decisions, texts, req.By, now); err != nil {
		return nil, err
	}
	for _, id := range req.Undo {
		if err := c.Undo(id, req.By, now); err != nil {
			return nil, err
		}
	}
	out := &Reconciliation{Consensus: c, Update: res, Texts: texts, Decided: len(req.Decisions)}
	if req.ReadOnly {
		return out, nil
	}
	if err := c.Save(b.layout.Dir); err != nil {
		return nil, err
	}
	out.Saved = true
	return out, nil
}

// UseCoding returns the coding that themes, exports and the report read,
// and its name: the consensus when coding/consensus.yaml exists, else the
// coder named, else the first coder in mixeval.yaml. Defaulted reports
// whether the choice was the default rather than asked for.
func (b *Study) UseCoding(coder string) (f *coding.File, name string, defaulted bool, err error) {
	if coder == study.ConsensusCoder {
		c, err := reconcile.Load(b.layout.Dir)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, "", false, fmt.Errorf("there is no consensus coding yet: reconcile two coders first")
		}
		if err != nil {
			return nil, "", false, err
		}
		return c.AsCoding(), study.ConsensusCoder, false, nil
	}
	if coder == "" {
		c, err := reconcile.Load(b.layout.Dir)
		switch {
		case err == nil:
			return c.AsCoding(), study.ConsensusCoder, true, nil
		case !errors.Is(err, fs.ErrNotExist):
			return nil, "", false, err
		}
		coders := b.Manifest().Manifest.Coders
		if len(coders) == 0 {
			return nil, "", false, fmt.Errorf("there is no consensus coding and mixeval.yaml lists no coders: add a coder and code first")
		}
		coder, defaulted = coders[0], true
	} else if err := b.checkCoder(coder); err != nil {
		return nil, "", false, err
	}
	f, err = b.ReadCoding(coder)
	return f, coder, defaulted, err
}
