package backend

import "github.com/mixeval/mixeval/thematic/coding"

// MarkRead records that the coder opened docs: "read" is the coder's own
// progress, a state apart from "reviewed" that agreement ignores. Unknown
// ids are an error and nothing is marked.
func (c *Coder) MarkRead(docs ...string) error {
	if err := c.b.checkDocs(docs); err != nil {
		return err
	}
	return c.sess.MarkRead(docs...)
}

// IsRead reports whether the coder has opened doc.
func (c *Coder) IsRead(doc string) bool { return c.sess.IsRead(doc) }

// Progress counts the coder's documents read, reviewed and coded, and
// segments, without copying the coding.
func (c *Coder) Progress() coding.Progress { return c.sess.Progress() }
