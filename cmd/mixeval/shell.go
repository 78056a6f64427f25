package main

import (
	"fmt"
	"strings"

	"github.com/mixeval/mixeval/thematic/corpus"
)

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// importExample renders opt as a mixeval import command line, for the
// column listing of an import without a mapping.
func importExample(path string, opt corpus.ImportOptions) string {
	var b strings.Builder
	fmt.Fprintf(&b, "mixeval import %s", shellQuote(path))
	if opt.Sheet != "" {
		fmt.Fprintf(&b, " --sheet %s", shellQuote(opt.Sheet))
	}
	id := opt.ID
	if id == "" {
		id = "COLUMN"
	}
	fmt.Fprintf(&b, " --id %s", shellQuote(id))
	if len(opt.Texts) == 0 {
		b.WriteString(" --text 'COLUMN=label'")
	}
	for _, m := range opt.Texts {
		v := m.Column
		if m.Label != "" {
			v += "=" + m.Label
		}
		fmt.Fprintf(&b, " --text %s", shellQuote(v))
	}
	for _, a := range opt.Attrs {
		fmt.Fprintf(&b, " --attr %s", shellQuote(a))
	}
	return b.String()
}
