package privacy

import (
	"sort"
	"strings"
)

// Redact returns text with each span replaced by its kind's marker
// ("[email]", "[NHS number]", …) and the map from offsets in text to
// offsets in the result. Spans are code point offsets; they may come in any
// order and overlap (overlapping spans become one marker, of the kind that
// comes first in Kinds); parts outside the text are ignored.
func Redact(text string, spans []Match) (string, OffsetMap) {
	n := runeLen(text)
	ms := make([]Match, 0, len(spans))
	for _, m := range spans {
		m.Start, m.End = max(m.Start, 0), min(m.End, n)
		if m.Start < m.End {
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		return text, OffsetMap{}
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	merged := ms[:1]
	for _, m := range ms[1:] {
		last := &merged[len(merged)-1]
		if m.Start >= last.End {
			merged = append(merged, m)
			continue
		}
		last.End = max(last.End, m.End)
		if m.Kind.priority() >= 0 && (last.Kind.priority() < 0 || m.Kind.priority() < last.Kind.priority()) {
			last.Kind = m.Kind
		}
	}
	var b strings.Builder
	b.Grow(len(text))
	idx := newRuneCursor(text)
	edits := make([]edit, len(merged))
	prevByte, shift := 0, 0
	for i, m := range merged {
		bs, be := idx.bytePos(m.Start), idx.bytePos(m.End)
		b.WriteString(text[prevByte:bs])
		marker := m.Kind.Marker()
		b.WriteString(marker)
		prevByte = be
		e := edit{start: m.Start, end: m.End, newStart: m.Start + shift}
		e.newEnd = e.newStart + runeLen(marker)
		shift = e.newEnd - e.end
		edits[i] = e
	}
	b.WriteString(text[prevByte:])
	return b.String(), OffsetMap{edits: edits}
}

// OffsetMap maps code point offsets of a text onto the text after
// redaction. A span that starts or ends inside a replaced part grows to
// take in its whole marker, so a mapped span always slices the redacted
// text and never shows part of a marker or of what it hides.
type OffsetMap struct{ edits []edit }

// edit is one replaced part: [start, end) of the original became
// [newStart, newEnd) of the result.
type edit struct{ start, end, newStart, newEnd int }

// Start maps an offset used as the start of a span.
func (m OffsetMap) Start(p int) int {
	i, inside := m.find(p)
	if inside {
		return m.edits[i].newStart
	}
	return p + m.shift(i)
}

// End maps an offset used as the end of a span.
func (m OffsetMap) End(p int) int {
	i, inside := m.find(p)
	if inside {
		return m.edits[i].newEnd
	}
	return p + m.shift(i)
}

// Span maps a span [start, end).
func (m OffsetMap) Span(start, end int) (int, int) { return m.Start(start), m.End(end) }

// Changed reports whether anything was replaced.
func (m OffsetMap) Changed() bool { return len(m.edits) > 0 }

// find returns the first edit that ends after p, and whether p lies
// strictly inside it.
func (m OffsetMap) find(p int) (int, bool) {
	i := sort.Search(len(m.edits), func(i int) bool { return m.edits[i].end > p })
	return i, i < len(m.edits) && m.edits[i].start < p
}

// shift is how far offsets after the edits before i move.
func (m OffsetMap) shift(i int) int {
	if i == 0 {
		return 0
	}
	e := m.edits[i-1]
	return e.newEnd - e.end
}
