package codebook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocsExampleLoads keeps the first YAML example of docs/codebook.md
// valid.
func TestDocsExampleLoads(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "codebook.md"))
	if err != nil {
		t.Skip("docs/codebook.md not found")
	}
	_, rest, ok := strings.Cut(string(doc), "```yaml\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("no yaml example in docs/codebook.md")
	}
	cb, err := Parse("docs/codebook.md", []byte(example))
	if err != nil {
		t.Fatal(err)
	}
	if !cb.HasComments() || cb.Find("not-alone") == nil || len(cb.History) != 2 {
		t.Errorf("example did not load as described")
	}
}
