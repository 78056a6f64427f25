package reconcile

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
)

// AsCoding presents the consensus segments as a coding named "consensus",
// so that readers of coder files read it the same way. Segment ids derive
// from document and span, like a coder's.
func (c *Consensus) AsCoding() *coding.File {
	f := &coding.File{Coder: study.ConsensusCoder, Reviewed: append([]string(nil), c.Reviewed...)}
	f.Segments = make([]coding.Segment, 0, len(c.Segments))
	var key []byte
	for _, s := range c.Segments {
		// sha256 of "document\x00start\x00end", as fmt would write it.
		key = append(key[:0], s.Document...)
		key = append(key, 0)
		key = strconv.AppendInt(key, int64(s.Start), 10)
		key = append(key, 0)
		key = strconv.AppendInt(key, int64(s.End), 10)
		h := sha256.Sum256(key)
		f.Segments = append(f.Segments, coding.Segment{
			ID: hex.EncodeToString(h[:5]), Document: s.Document, Start: s.Start, End: s.End,
			Codes: append([]string(nil), s.Codes...),
		})
	}
	return f
}
