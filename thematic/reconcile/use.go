package reconcile

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
)

// AsCoding presents the consensus segments as a coding named "consensus",
// so that readers of coder files read it the same way. Segment ids derive
// from document and span, like a coder's.
func (c *Consensus) AsCoding() *coding.File {
	f := &coding.File{Coder: study.ConsensusCoder, Reviewed: append([]string(nil), c.Reviewed...)}
	for _, s := range c.Segments {
		h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d\x00%d", s.Document, s.Start, s.End)))
		f.Segments = append(f.Segments, coding.Segment{
			ID: hex.EncodeToString(h[:])[:10], Document: s.Document, Start: s.Start, End: s.End,
			Codes: append([]string(nil), s.Codes...),
		})
	}
	return f
}
