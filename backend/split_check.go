package backend

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mixeval/mixeval/codebook"
)

// CheckSplit checks a split before anything changes: the code exists, and
// every segment that req.Assign names is coded req.ID in at least one
// coder's coding. SplitNode finds a missing segment only after the new
// codes are made; a front end calls CheckSplit first so that a mistyped
// segment id changes nothing.
func (b *Study) CheckSplit(req SplitRequest) error {
	cb, err := b.Codebook()
	if err != nil {
		return err
	}
	if cb.Find(req.ID) == nil {
		return fmt.Errorf("split: %q is %w", req.ID, codebook.ErrNotFound)
	}
	if len(req.Assign) == 0 {
		return nil
	}
	coders, err := b.Coders()
	if err != nil {
		return err
	}
	found := map[string]bool{}
	for _, c := range coders {
		f, err := b.ReadCoding(c)
		if err != nil {
			return err
		}
		for _, s := range f.Segments {
			if _, ok := req.Assign[s.ID]; ok && s.HasCode(req.ID) {
				found[s.ID] = true
			}
		}
	}
	var missing []string
	for seg := range req.Assign {
		if !found[seg] {
			missing = append(missing, seg)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	slices.Sort(missing)
	return fmt.Errorf("no coder has segment %s coded %q: nothing was changed", strings.Join(missing, ", "), req.ID)
}
