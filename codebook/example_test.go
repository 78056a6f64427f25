package codebook_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/mixeval/mixeval/codebook"
)

// A researcher groups two codes under a new theme, then merges two codes
// that turned out to mean the same; the coding side applies the returned
// mapping to the coder files.
func Example() {
	cb, err := codebook.Parse("codebook.yaml", []byte(`version: 1
codes:
  - id: not-alone
    name: Not alone with pain
  - id: same-boat
    name: In the same boat
  - id: breathing
    name: Breathing exercises
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	cb.Clock = func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) }

	theme, _ := cb.Create("alice", codebook.NewNode{Kind: codebook.Theme, Name: "Sense of belonging"})
	_ = cb.Move("alice", "not-alone", theme.ID)
	remap, err := cb.Merge("alice", "same-boat", "not-alone")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("segments move:", remap)

	path := filepath.Join(os.TempDir(), "example-codebook.yaml")
	defer os.Remove(path)
	if err := cb.Save(path); err != nil {
		fmt.Println(err)
		return
	}
	data, _ := os.ReadFile(path)
	fmt.Print(string(data))
	// Output:
	// segments move: map[same-boat:not-alone]
	// version: 1
	// themes:
	//   - id: sense-of-belonging
	//     name: Sense of belonging
	//     codes:
	//       - id: not-alone
	//         name: Not alone with pain
	// codes:
	//   - id: breathing
	//     name: Breathing exercises
	// history:
	//   - what: create
	//     who: alice
	//     when: 2026-03-02T10:00:00Z
	//     id: sense-of-belonging
	//     details: created theme "Sense of belonging" at the top level
	//   - what: move
	//     who: alice
	//     when: 2026-03-02T10:00:00Z
	//     id: not-alone
	//     to: sense-of-belonging
	//     details: moved "Not alone with pain" from the top level to "sense-of-belonging"
	//   - what: merge
	//     who: alice
	//     when: 2026-03-02T10:00:00Z
	//     id: same-boat
	//     to: not-alone
	//     details: merged "In the same boat" into "Not alone with pain"
}

// Load reports every problem at once, each with file, line and column.
func ExampleParse_errors() {
	_, err := codebook.Parse("codebook.yaml", []byte(`themes:
  - id: Belonging
    name: Belonging
    colour: green
codes:
  - id: toolkit
    name: ""
`))
	fmt.Println(err)
	// Output:
	// codebook.yaml:2:9: id "Belonging" is not a slug: use lower-case letters a-z, digits and single hyphens between them (e.g. "sense-of-belonging")
	// codebook.yaml:4:5: unknown key "colour" (allowed here: codes, concept, definition, exemplars, id, memo, name, scope, subthemes)
	// codebook.yaml:6:5: code "toolkit" has no "name"
}

// Splitting a code: with no target the original keeps its segments until
// coders reassign them; naming one of the new codes moves them all there.
func ExampleCodebook_Split() {
	cb, _ := codebook.Parse("codebook.yaml", []byte(`codes:
  - id: support
    name: Support
`))
	res, err := cb.Split("bob", "support", []codebook.NewNode{
		{Name: "Support from peers"},
		{Name: "Support from staff"},
	}, "support-from-peers")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range res.Created {
		fmt.Println("created", n.ID)
	}
	fmt.Println("original kept:", res.Kept, "segments move:", res.Remap)
	// Output:
	// created support-from-peers
	// created support-from-staff
	// original kept: false segments move: map[support:support-from-peers]
}

// Deleting refuses a code still in use unless its segments get a new home.
func ExampleCodebook_Delete() {
	cb, _ := codebook.Parse("codebook.yaml", []byte(`codes:
  - id: misc
    name: Miscellaneous
  - id: other
    name: Other
`))
	uses := map[string]int{"misc": 3}
	count := func(id string) int { return uses[id] }
	_, err := cb.Delete("alice", "misc", count, "")
	fmt.Println(err)
	remap, err := cb.Delete("alice", "misc", count, "other")
	fmt.Println(remap, err)
	// Output:
	// delete code "misc": code is in use by 3 segment(s); reassign them by deleting with a target code, or merge it into another code
	// map[misc:other] <nil>
}
