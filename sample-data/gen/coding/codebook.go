package main

import (
	"fmt"
	"slices"
	"time"

	"github.com/mixeval/mixeval/codebook"
)

// node is one entry of the sample codebook: a theme with its children, or a
// code (no children).
type node struct {
	kind       codebook.Kind
	id, name   string
	definition string
	include    string
	exclude    string
	concept    string
	children   []node
}

func theme(id, name, def, concept string, children ...node) node {
	return node{kind: codebook.Theme, id: id, name: name, definition: def, concept: concept, children: children}
}

func code(id, name, def string) node {
	return node{kind: codebook.Code, id: id, name: name, definition: def}
}

// sampleThemes follow the source study's structure (its sections 3.3-3.5);
// the wording is our own.
var sampleThemes = []node{
	theme("sense-of-belonging", "Sense of belonging",
		"Being one of a group of people who share life with persistent pain, and what that made possible.",
		"Among others who live it, the pain no longer has to be explained or hidden.",
		theme("connection", "Connection",
			"Feeling less on one's own: a link with other members who have the same difficulties.", "",
			code("not-alone", "Not alone with it",
				"Relief at finding others with the same experience; recognising oneself in what others say."),
			code("wish-for-contact", "Wish for more contact",
				"Asking for more time or ways to be with the other members (chatting, meeting in person)."),
		),
		theme("sense-of-safeness", "Sense of safeness",
			"The group as a place where it was safe to speak openly and be taken seriously.", "",
			code("safe-to-share", "Safe to share",
				"Speaking about things not said elsewhere, without being judged or dismissed."),
			code("mutual-support", "Giving and receiving support",
				"Support flowing both ways: listening to others and passing on what helped oneself."),
		),
	),
	theme("flourishing", "Flourishing",
		"Taking what the group taught into daily life and changing something because of it.",
		"The course as a start: skills that, used and kept up, let life grow around the pain.",
		theme("toolkit", "Toolkit",
			"Coming away equipped: concrete skills and ways of understanding to use on the pain.", "",
			code("skills-and-techniques", "Skills and techniques",
				"A named exercise or strategy (breathing, imagery, letter writing) that the person uses or can use."),
			code("understanding-pain", "Understanding the pain",
				"A model or explanation from the course that made sense of the person's pain or reactions."),
		),
		theme("achievement", "Achievement",
			"Having accomplished something by seeing the course through.", "",
			code("sense-of-accomplishment", "Sense of accomplishment",
				"Pride or satisfaction at finishing, or at a change noticed in oneself by the end."),
		),
		theme("practice", "Practice",
			"Knowing the skills only last if they are practised regularly, and planning to.", "",
			code("ongoing-practice", "Ongoing practice",
				"Regular or planned use of the exercises, or awareness that stopping would undo the gains."),
		),
	),
	theme("virtual-benefits", "Virtual benefits",
		"What attending online made easier than a group in a clinic would have.",
		"Online, the group came to the person rather than the person to the group.",
		code("no-travel", "No travel",
			"Not having to travel or park, and being spared the pain and tiredness a journey brings."),
		code("fits-round-life", "Fits round life",
			"Being able to attend around work or other commitments."),
		code("comfort-of-home", "Comfort of home",
			"Being in one's own surroundings, with one's own comforts, free to move."),
		code("camera-off", "Camera off when needed",
			"Turning the video off to rest, step back or be upset in private while still taking part."),
	),
}

// exemplar pins one of alice's segments as the quote for a theme.
type exemplar struct {
	theme      string
	doc        string
	start, end int
	code       string
}

// sampleExemplars: one quote per subtheme, and one for virtual-benefits,
// which has none. Each respondent's scores fit the quote
// (docs/sample-study.md): P01, P11, P10, P12 and P08 improve reliably;
// P06 was already in the functional range.
var sampleExemplars = []exemplar{
	{"connection", "P01/helped", 125, 204, "not-alone"},
	{"sense-of-safeness", "P11/helped", 23, 94, "mutual-support"},
	{"toolkit", "P10/helped", 136, 183, "skills-and-techniques"},
	{"achievement", "P12/helped", 37, 119, "sense-of-accomplishment"},
	{"practice", "P08/helped", 119, 194, "ongoing-practice"},
	{"virtual-benefits", "P06/online", 0, 75, "comfort-of-home"},
}

// sampleCodebook builds the codebook through the codebook package's
// operations, so its history reads as it would after alice made it:
// the tree first, then the quotes she pinned.
func sampleCodebook() (*codebook.Codebook, error) {
	cb := codebook.New()
	tick := 0
	cb.Clock = func() time.Time {
		tick++
		return epoch.Add(time.Duration(tick) * time.Second)
	}
	var add func(parent string, n node) error
	add = func(parent string, n node) error {
		_, err := cb.Create("alice", codebook.NewNode{
			Kind: n.kind, ID: n.id, Name: n.name, Parent: parent,
			Definition: n.definition, Concept: n.concept,
		})
		if err != nil {
			return err
		}
		for _, c := range n.children {
			if err := add(n.id, c); err != nil {
				return err
			}
		}
		return nil
	}
	for _, t := range sampleThemes {
		if err := add("", t); err != nil {
			return nil, err
		}
	}
	for _, e := range sampleExemplars {
		if !aliceCoded(e) {
			return nil, fmt.Errorf("exemplar of %s: alice has no %s segment %s [%d,%d)", e.theme, e.code, e.doc, e.start, e.end)
		}
		if err := cb.AddExemplar("alice", e.theme, codebook.Exemplar{Document: e.doc, Start: e.start, End: e.end, Coder: "alice", Code: e.code}); err != nil {
			return nil, err
		}
	}
	return cb, nil
}

// aliceCoded reports whether alice coded exactly that span with that code.
func aliceCoded(e exemplar) bool {
	for _, s := range alice.segments {
		if s.doc == e.doc && s.start == e.start && s.end == e.end && slices.Contains(s.codes, e.code) {
			return true
		}
	}
	return false
}
