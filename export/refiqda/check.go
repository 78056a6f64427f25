package refiqda

import (
	"fmt"
	"strings"
)

// CheckReferences checks what the schema cannot: that every GUID is
// unique and every reference (CodeRef, SourceRef, VariableRef, NoteRef,
// SelectionRef, set members, creatingUser, creatingUserGUID) points at an
// element of the right kind that the project holds. It returns every
// problem found, one per line, or nil.
func CheckReferences(p *Project) error {
	c := &refChecker{ids: make(map[string]string, countElements(p))}
	c.collect(p)
	c.check(p)
	if len(c.problems) == 0 {
		return nil
	}
	return fmt.Errorf("%d unresolved or duplicate GUIDs:\n%s", len(c.problems), strings.Join(c.problems, "\n"))
}

type refChecker struct {
	ids      map[string]string // GUID → element kind
	problems []string
}

func (c *refChecker) def(kind, guid string) {
	g := NormalGUID(guid)
	if !ValidGUID(g) {
		c.problems = append(c.problems, fmt.Sprintf("%s %q: not a GUID", kind, guid))
	}
	if k, ok := c.ids[g]; ok {
		c.problems = append(c.problems, fmt.Sprintf("%s %s: the GUID of a %s too", kind, guid, k))
	}
	c.ids[g] = kind
}

// ref checks that guid names an element of kind; from names the element
// holding the reference, as an element name and its GUID (joined only
// for a problem: a project holds hundreds of thousands of references).
func (c *refChecker) ref(from [2]string, kind, guid string) {
	if guid == "" {
		return
	}
	if c.ids[NormalGUID(guid)] != kind {
		where := strings.TrimSpace(from[0] + " " + from[1])
		c.problems = append(c.problems, fmt.Sprintf("%s refers to %s %s, which the project does not hold", where, kind, guid))
	}
}

func (c *refChecker) collect(p *Project) {
	if p.Users != nil {
		for _, u := range p.Users.User {
			c.def("User", u.GUID)
		}
	}
	if p.CodeBook != nil {
		var walk func([]Code)
		walk = func(cs []Code) {
			for _, x := range cs {
				c.def("Code", x.GUID)
				walk(x.Codes)
			}
		}
		walk(p.CodeBook.Codes.Code)
	}
	if p.Variables != nil {
		for _, v := range p.Variables.Variable {
			c.def("Variable", v.GUID)
		}
	}
	if p.Cases != nil {
		for _, x := range p.Cases.Case {
			c.def("Case", x.GUID)
		}
	}
	if p.Sources != nil {
		for _, s := range p.Sources.TextSource {
			c.def("TextSource", s.GUID)
			for _, sel := range s.Selections {
				c.def("PlainTextSelection", sel.GUID)
				for _, cd := range sel.Codings {
					c.def("Coding", cd.GUID)
				}
			}
			for _, cd := range s.Codings {
				c.def("Coding", cd.GUID)
			}
		}
	}
	if p.Notes != nil {
		for _, n := range p.Notes.Note {
			c.def("Note", n.GUID)
		}
	}
	if p.Sets != nil {
		for _, s := range p.Sets.Set {
			c.def("Set", s.GUID)
		}
	}
}

func (c *refChecker) check(p *Project) {
	c.ref([2]string{"Project@creatingUserGUID"}, "User", p.CreatingUserGUID)
	for _, r := range p.NoteRefs {
		c.ref([2]string{"Project NoteRef"}, "Note", r.Target())
	}
	if p.CodeBook != nil {
		var walk func([]Code)
		walk = func(cs []Code) {
			for _, x := range cs {
				for _, r := range x.NoteRefs {
					c.ref([2]string{"Code", x.GUID}, "Note", r.Target())
				}
				walk(x.Codes)
			}
		}
		walk(p.CodeBook.Codes.Code)
	}
	values := func(from [2]string, vs []VariableValue) {
		for _, v := range vs {
			c.ref(from, "Variable", v.VariableRef.Target())
		}
	}
	if p.Cases != nil {
		for _, x := range p.Cases.Case {
			from := [2]string{"Case", x.GUID}
			for _, r := range x.CodeRefs {
				c.ref(from, "Code", r.Target())
			}
			values(from, x.VariableValues)
			for _, r := range x.SourceRefs {
				c.ref(from, "TextSource", r.Target())
			}
			for _, r := range x.SelectionRefs {
				c.ref(from, "PlainTextSelection", r.Target())
			}
		}
	}
	coding := func(from [2]string, cd Coding) {
		c.ref(from, "User", cd.CreatingUser)
		c.ref(from, "Code", cd.CodeRef.Target())
		for _, r := range cd.NoteRefs {
			c.ref(from, "Note", r.Target())
		}
	}
	if p.Sources != nil {
		for _, s := range p.Sources.TextSource {
			from := [2]string{"TextSource", s.GUID}
			c.ref(from, "User", s.CreatingUser)
			for _, sel := range s.Selections {
				sf := [2]string{"PlainTextSelection", sel.GUID}
				c.ref(sf, "User", sel.CreatingUser)
				for _, cd := range sel.Codings {
					coding([2]string{"Coding", cd.GUID}, cd)
				}
				for _, r := range sel.NoteRefs {
					c.ref(sf, "Note", r.Target())
				}
			}
			for _, cd := range s.Codings {
				coding([2]string{"Coding", cd.GUID}, cd)
			}
			for _, r := range s.NoteRefs {
				c.ref(from, "Note", r.Target())
			}
			values(from, s.VariableValues)
		}
	}
	if p.Notes != nil {
		for _, n := range p.Notes.Note {
			c.ref([2]string{"Note", n.GUID}, "User", n.CreatingUser)
		}
	}
	if p.Sets != nil {
		for _, s := range p.Sets.Set {
			from := [2]string{"Set", s.GUID}
			for _, r := range s.MemberCodes {
				c.ref(from, "Code", r.Target())
			}
			for _, r := range s.MemberSources {
				c.ref(from, "TextSource", r.Target())
			}
			for _, r := range s.MemberNotes {
				c.ref(from, "Note", r.Target())
			}
		}
	}
}

// countElements estimates how many GUIDs p defines, to size the checker's
// map once.
func countElements(p *Project) int {
	n := 0
	if p.Sources != nil {
		for _, s := range p.Sources.TextSource {
			n += 1 + 2*len(s.Selections)
		}
	}
	if p.Cases != nil {
		n += len(p.Cases.Case)
	}
	return n + 64
}
