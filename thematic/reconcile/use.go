package reconcile

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"

	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

// Use returns the coding the rest of mixeval (themes, exports, the report)
// should read, and the name of the one it used: the consensus
// ("consensus") when coding/consensus.yaml exists, else coder's own coding.
// With no consensus and no coder named, it says how to get one.
func Use(studyDir, coder string) (*coding.File, string, error) {
	c, err := Load(studyDir)
	switch {
	case err == nil:
		return c.AsCoding(), triangulate.ConsensusCoder, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, "", err
	}
	if coder == "" {
		return nil, "", fmt.Errorf("there is no consensus coding yet (coding/consensus.yaml): name a coder, or run 'mixeval reconcile --coders A,B'")
	}
	f, err := coding.Read(studyDir, coder)
	if err != nil {
		return nil, "", err
	}
	return f, coder, nil
}

// AsCoding presents the consensus segments as a coding named "consensus",
// so that readers of coder files read it the same way. Segment ids derive
// from document and span, like a coder's.
func (c *Consensus) AsCoding() *coding.File {
	f := &coding.File{Coder: triangulate.ConsensusCoder, Reviewed: append([]string(nil), c.Reviewed...)}
	for _, s := range c.Segments {
		h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d\x00%d", s.Document, s.Start, s.End)))
		f.Segments = append(f.Segments, coding.Segment{
			ID: hex.EncodeToString(h[:])[:10], Document: s.Document, Start: s.Start, End: s.End,
			Codes: append([]string(nil), s.Codes...),
		})
	}
	return f
}
