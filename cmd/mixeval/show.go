package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

type showOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	Doc    string
	Coder  string
	Format string
}

func newShowCmd(f *factory, runF func(*showOptions) error) *cobra.Command {
	opts := &showOptions{IO: f.IO, Backend: f.Backend("show")}
	cmd := &cobra.Command{
		Use:   "show DOC [--coder NAME] [--format text|json]",
		Short: "Show one answer whole, with a coder's segments on it",
		Long: `Show one document (an answer, id RESPONDENT/QUESTION) whole, never cut: its
respondent, question and attributes, its text, and with --coder the
coder's segments on it ("consensus" for the reconciled coding): id, span,
codes and memo, and whether the text changed since the segment was coded.

On a terminal the coded spans are underlined in the text (bold where
segments overlap); elsewhere, or with NO_COLOR set, each segment is marked
[ at its start and ] at its end. Positions are characters counted from 0,
start inclusive, end exclusive, as 'mixeval code' takes them.

--format json gives {"doc", "respondent", "question", "attributes", "text",
"hash", "segments": [{"id", "start", "end", "codes", "memo"}]}; "hash" is
the short text hash that segments record (see docs/coding.md).`,
		Example: `  mixeval show P01/helped
  mixeval show P01/helped --coder alice
  mixeval show P01/helped --coder consensus --format json`,
		Args:              exactArgs(1, ""),
		ValidArgsFunction: firstArg(f.completeDocs),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Doc = args[0]
			if err := checkFormat(opts.Format, "text", "json"); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return showRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Coder, "coder", "", "whose segments to show: a coder or consensus")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	cmd.RegisterFlagCompletionFunc("coder", f.completeCodingOwners)
	return cmd
}

func showRun(opts *showOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	d, err := b.Document(opts.Doc)
	if err != nil {
		return codingAdvice(err)
	}
	var f *coding.File
	if opts.Coder != "" {
		if f, err = readCodingOf(b, opts.Coder); err != nil {
			return err
		}
	}
	var segs []coding.Segment
	if f != nil {
		segs = f.SegmentsIn(d.ID)
	}
	if opts.Format == "json" {
		return writeShowJSON(opts.IO.Out, d, segs)
	}
	q := questionText(b.Manifest(), d)
	if err := writeShowText(opts.IO, showView{doc: d, question: q, coder: opts.Coder, coding: f, segs: segs}); err != nil {
		return err
	}
	if opts.IO.OutTerminal {
		writeShowPrivacy(opts.IO, b, d.ID)
	}
	return nil
}

// readCodingOf reads a coder's coding, or the consensus, after checking
// that the coder is one of the study's.
func readCodingOf(b *backend.Study, coder string) (*coding.File, error) {
	if coder != study.ConsensusCoder {
		if err := b.CheckCoder(coder); err != nil {
			return nil, codingAdvice(err)
		}
	}
	return b.ReadCoding(coder)
}

// questionText is the full wording of d's question, from the manifest.
func questionText(st *study.Study, d corpus.Document) string {
	for _, src := range st.Manifest.Sources {
		for _, q := range src.Questions {
			if q.Label == d.Question && (src.File == d.Source || d.Source == "") {
				return q.Text
			}
		}
	}
	return ""
}

// showJSON is the document as --format json writes it.
type showJSON struct {
	Doc        string            `json:"doc"`
	Respondent string            `json:"respondent"`
	Question   string            `json:"question"`
	Attributes map[string]string `json:"attributes"`
	Text       string            `json:"text"`
	Hash       string            `json:"hash"`
	Segments   []showSegment     `json:"segments"`
}

type showSegment struct {
	ID    string   `json:"id"`
	Start int      `json:"start"`
	End   int      `json:"end"`
	Codes []string `json:"codes"`
	Memo  string   `json:"memo"`
}

func writeShowJSON(w io.Writer, d corpus.Document, segs []coding.Segment) error {
	out := showJSON{Doc: d.ID, Respondent: d.Respondent, Question: d.Question, Attributes: d.Attributes,
		Text: d.Text, Hash: coding.DocumentHash(d), Segments: []showSegment{}}
	if out.Attributes == nil {
		out.Attributes = map[string]string{}
	}
	for _, s := range segs {
		out.Segments = append(out.Segments, showSegment{ID: s.ID, Start: s.Start, End: s.End, Codes: s.Codes, Memo: s.Memo})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// showView is what the text form of show prints.
type showView struct {
	doc      corpus.Document
	question string
	coder    string
	coding   *coding.File // nil without --coder
	segs     []coding.Segment
}

func writeShowText(ios *ioStreams, v showView) error {
	w := ios.Out
	d := v.doc
	fmt.Fprintln(w, d.ID)
	fmt.Fprintf(w, "  respondent  %s\n", d.Respondent)
	q := d.Question
	if v.question != "" {
		q += ": " + v.question
	}
	fmt.Fprintf(w, "  question    %s\n", q)
	for _, k := range slices.Sorted(maps.Keys(d.Attributes)) {
		fmt.Fprintf(w, "  %-10s  %s\n", k, d.Attributes[k])
	}
	fmt.Fprintf(w, "  hash        %s\n\n", coding.DocumentHash(d))
	if d.Text == "" {
		fmt.Fprintln(w, "(no answer: the respondent left this question blank)")
	} else {
		fmt.Fprintln(w, markSpans(d.Text, v.segs, ios.Color))
	}
	return writeShowSegments(w, v)
}

// writeShowSegments lists the coder's segments on the document, with the
// coder's memo on it and whether they reviewed it.
func writeShowSegments(w io.Writer, v showView) error {
	if v.coding == nil {
		_, err := fmt.Fprintln(w, "\n(--coder NAME shows a coder's segments on this answer)")
		return err
	}
	reviewed := "not reviewed"
	if slices.Contains(v.coding.Reviewed, v.doc.ID) {
		reviewed = "reviewed"
	}
	fmt.Fprintf(w, "\n%s: %s, %s on this answer\n", v.coder, reviewed, countOf(len(v.segs), "segment"))
	if m := v.coding.DocumentMemos[v.doc.ID]; m != "" {
		fmt.Fprintf(w, "  memo: %s\n", oneLine(m))
	}
	hash := coding.DocumentHash(v.doc)
	for _, s := range v.segs {
		quote, ok := coding.Quote(v.doc.Text, s)
		note := ""
		switch {
		case !ok:
			note = "  (the span lies past the end of the text: recode or uncode it)"
		case s.Hash != "" && s.Hash != hash:
			note = "  (the text changed since it was coded: check it)"
		}
		fmt.Fprintf(w, "  %s  %d-%d  %s  %q%s\n", s.ID, s.Start, s.End, strings.Join(s.Codes, ", "), shorten(quote, 60), note)
		if s.Memo != "" {
			fmt.Fprintf(w, "      memo: %s\n", oneLine(s.Memo))
		}
	}
	return nil
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " / ") }

// ANSI styles for coded text on a terminal: underlined, and bold as well
// where two or more segments overlap.
const (
	styleOff     = "\x1b[0m"
	styleCoded   = "\x1b[4m"
	styleOverlap = "\x1b[1;4m"
)

// markSpans returns text with segs marked: with styles on a terminal,
// else "[" where a segment starts and "]" where it ends (nested where
// segments overlap). Positions are code points; a span past the end of
// the text is marked up to the end.
func markSpans(text string, segs []coding.Segment, color bool) string {
	if len(segs) == 0 {
		return text
	}
	runes := []rune(text)
	opens := make([]int, len(runes)+1)
	closes := make([]int, len(runes)+1)
	for _, s := range segs {
		start, end := min(max(s.Start, 0), len(runes)), min(s.End, len(runes))
		if start >= end {
			continue
		}
		opens[start]++
		closes[end]++
	}
	var b strings.Builder
	depth, style := 0, ""
	for i := 0; i <= len(runes); i++ {
		depth += opens[i] - closes[i]
		if color {
			if next := depthStyle(depth); next != style {
				b.WriteString(styleOff + next)
				style = next
			}
		} else {
			b.WriteString(strings.Repeat("]", closes[i]) + strings.Repeat("[", opens[i]))
		}
		if i < len(runes) {
			b.WriteRune(runes[i])
		}
	}
	return b.String()
}

func depthStyle(depth int) string {
	switch {
	case depth <= 0:
		return ""
	case depth == 1:
		return styleCoded
	}
	return styleOverlap
}

// writeShowPrivacy lists, on a terminal, the personal data in the answer
// that no one has allowed, so the researcher notices it while coding.
func writeShowPrivacy(io *ioStreams, b *backend.Study, doc string) {
	marks, err := b.PrivacyMarks([]string{doc})
	if err != nil {
		fmt.Fprintf(io.ErrOut, "note: personal data marked without the study's names: %v\n", err)
	}
	found := marks[doc]
	if len(found) == 0 {
		return
	}
	fmt.Fprintf(io.Out, "\npersonal data (%d, kept out of exports until decided; see 'mixeval privacy scan'):\n", len(found))
	for _, f := range found {
		fmt.Fprintf(io.Out, "  %s %s %d-%d  %s\n", f.ID, f.Kind, f.Start, f.End, f.Status)
	}
}
