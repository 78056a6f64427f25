package backend

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/reconcile"
)

// CheckCoder returns an *UnknownCoderError unless name is one of the
// coders listed in mixeval.yaml; "consensus" is refused as not a coder.
func (b *Study) CheckCoder(name string) error { return b.checkCoder(name) }

// AmbiguousSegmentError is a segment id that several coders' codings hold
// (the same span coded by each) while the consensus does not.
type AmbiguousSegmentError struct {
	Segment string
	Coders  []string
}

func (e *AmbiguousSegmentError) Error() string {
	return fmt.Sprintf("segment %s is in the coding of %s: say whose segment it is", e.Segment, strings.Join(e.Coders, " and "))
}

// SegmentOwner returns whose coding holds segment id: the consensus when it
// has it (the reconciled coding speaks for the study), else the one coder
// who has it. Several coders without a consensus is an
// *AmbiguousSegmentError.
func (b *Study) SegmentOwner(id string) (string, error) {
	c, err := reconcile.Load(b.layout.Dir)
	switch {
	case err == nil:
		if hasSegment(c.AsCoding().Segments, id) {
			return study.ConsensusCoder, nil
		}
	case !errors.Is(err, fs.ErrNotExist):
		return "", err
	}
	coders, err := b.Coders()
	if err != nil {
		return "", err
	}
	var holders []string
	for _, name := range coders {
		f, err := b.ReadCoding(name)
		if err != nil {
			return "", err
		}
		if hasSegment(f.Segments, id) {
			holders = append(holders, name)
		}
	}
	switch len(holders) {
	case 0:
		return "", fmt.Errorf("no coder's coding, nor the consensus, has a segment %q", id)
	case 1:
		return holders[0], nil
	}
	return "", &AmbiguousSegmentError{Segment: id, Coders: holders}
}

func hasSegment(segs []coding.Segment, id string) bool {
	return slices.ContainsFunc(segs, func(s coding.Segment) bool { return s.ID == id })
}
