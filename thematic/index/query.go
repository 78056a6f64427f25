package index

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// The query language of "mixeval search" (docs/search.md):
//
//	query   = or
//	or      = and { "OR" and }
//	and     = unary { [ "AND" ] unary }      adjacent terms must all match
//	unary   = ( "NOT" | "-" ) unary | primary
//	primary = "(" or ")" | [ field ":" ] atom
//	atom    = word | word "*" | word "~" [ "1" | "2" ] | '"' phrase '"'
//
// Parsing is independent of any index; compile.go turns the tree into
// bleve queries, analysing words with the index's analyser.

// QueryError is a syntax error in a search query. Column counts characters
// (code points) from 1.
type QueryError struct {
	Query  string
	Column int
	Msg    string
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("search query, column %d: %s", e.Column, e.Msg)
}

// maxDepth bounds nesting so that a hostile query cannot exhaust the stack.
const maxDepth = 64

type termKind int

const (
	kindWord termKind = iota
	kindPrefix
	kindFuzzy
	kindPhrase
)

// node is a parsed query: *termNode, *andNode, *orNode or *notNode.
type node interface{ column() int }

type termNode struct {
	col       int // column of the term (of the field name when there is one)
	valueCol  int // column of the value
	field     string
	value     string
	kind      termKind
	fuzziness int
}

type andNode struct {
	col      int
	children []node
}

type orNode struct {
	col      int
	children []node
}

type notNode struct {
	col   int
	child node
}

func (n *termNode) column() int { return n.col }
func (n *andNode) column() int  { return n.col }
func (n *orNode) column() int   { return n.col }
func (n *notNode) column() int  { return n.col }

type tokenKind int

const (
	tokEOF tokenKind = iota
	tokLParen
	tokRParen
	tokAnd
	tokOr
	tokNot
	tokTerm
)

type token struct {
	kind tokenKind
	col  int
	term *termNode
}

// parseQuery parses q into a tree.
func parseQuery(q string) (node, error) {
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	p := &parser{q: q, toks: toks}
	if p.peek().kind == tokEOF {
		return nil, p.errorf(1, "the query is empty: give a word, a \"phrase\", prefix* or fuzzy~")
	}
	n, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		if t.kind == tokRParen {
			return nil, p.errorf(t.col, "\")\" has no matching \"(\"")
		}
		return nil, p.errorf(t.col, "unexpected %s", describe(t))
	}
	return n, nil
}

type parser struct {
	q    string
	toks []token
	pos  int
}

func (p *parser) peek() token { return p.toks[p.pos] }
func (p *parser) next() token { t := p.toks[p.pos]; p.pos++; return t }

func (p *parser) errorf(col int, format string, args ...any) error {
	return &QueryError{Query: p.q, Column: col, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) or(depth int) (node, error) {
	first, err := p.and(depth)
	if err != nil {
		return nil, err
	}
	or := &orNode{col: first.column(), children: []node{first}}
	for p.peek().kind == tokOr {
		op := p.next()
		if !startsUnary(p.peek().kind) {
			return nil, p.errorf(op.col, "OR needs a term after it")
		}
		n, err := p.and(depth)
		if err != nil {
			return nil, err
		}
		or.children = append(or.children, n)
	}
	if len(or.children) == 1 {
		return first, nil
	}
	return or, nil
}

func (p *parser) and(depth int) (node, error) {
	t := p.peek()
	if t.kind == tokAnd || t.kind == tokOr {
		return nil, p.errorf(t.col, "%s needs a term before it", describe(t))
	}
	first, err := p.unary(depth)
	if err != nil {
		return nil, err
	}
	and := &andNode{col: first.column(), children: []node{first}}
	for {
		t := p.peek()
		if t.kind == tokAnd {
			p.next()
			if !startsUnary(p.peek().kind) {
				return nil, p.errorf(t.col, "AND needs a term after it")
			}
		} else if !startsUnary(t.kind) {
			break
		}
		n, err := p.unary(depth)
		if err != nil {
			return nil, err
		}
		and.children = append(and.children, n)
	}
	if len(and.children) == 1 {
		return first, nil
	}
	return and, nil
}

func startsUnary(k tokenKind) bool { return k == tokNot || k == tokLParen || k == tokTerm }

func (p *parser) unary(depth int) (node, error) {
	if depth > maxDepth {
		return nil, p.errorf(p.peek().col, "the query nests deeper than %d levels", maxDepth)
	}
	t := p.next()
	switch t.kind {
	case tokNot:
		if !startsUnary(p.peek().kind) {
			return nil, p.errorf(t.col, "NOT needs a term after it")
		}
		child, err := p.unary(depth + 1)
		if err != nil {
			return nil, err
		}
		return &notNode{col: t.col, child: child}, nil
	case tokLParen:
		if p.peek().kind == tokRParen {
			return nil, p.errorf(t.col, "empty parentheses")
		}
		if !startsUnary(p.peek().kind) {
			u := p.peek()
			if u.kind == tokEOF {
				return nil, p.errorf(t.col, "\"(\" is not closed: add \")\"")
			}
			return nil, p.errorf(u.col, "%s needs a term before it", describe(u))
		}
		n, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		if p.peek().kind != tokRParen {
			return nil, p.errorf(t.col, "\"(\" is not closed: add \")\"")
		}
		p.next()
		return n, nil
	case tokTerm:
		return t.term, nil
	}
	return nil, p.errorf(t.col, "unexpected %s", describe(t))
}

func describe(t token) string {
	switch t.kind {
	case tokEOF:
		return "end of query"
	case tokLParen:
		return "\"(\""
	case tokRParen:
		return "\")\""
	case tokAnd:
		return "AND"
	case tokOr:
		return "OR"
	case tokNot:
		return "NOT"
	}
	return "term"
}

// lex splits q into tokens; columns count code points from 1.
func lex(q string) ([]token, error) {
	rs := []rune(q)
	var toks []token
	errAt := func(col int, format string, args ...any) error {
		return &QueryError{Query: q, Column: col, Msg: fmt.Sprintf(format, args...)}
	}
	i := 0
	for i < len(rs) {
		r := rs[i]
		col := i + 1
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '(':
			toks = append(toks, token{kind: tokLParen, col: col})
			i++
		case r == ')':
			toks = append(toks, token{kind: tokRParen, col: col})
			i++
		case r == '-' && (i == 0 || isBoundary(rs[i-1])):
			if i+1 >= len(rs) || unicode.IsSpace(rs[i+1]) || rs[i+1] == ')' {
				return nil, errAt(col, "\"-\" (NOT) needs a term right after it, as in -online")
			}
			toks = append(toks, token{kind: tokNot, col: col})
			i++
		case r == '"':
			t, next, err := lexPhrase(q, rs, i, "", col)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tokTerm, col: col, term: t})
			i = next
		default:
			j := i
			for j < len(rs) && !isBoundary(rs[j]) && rs[j] != '"' {
				j++
			}
			word := string(rs[i:j])
			switch word {
			case "AND", "&&":
				toks = append(toks, token{kind: tokAnd, col: col})
				i = j
				continue
			case "OR", "||":
				toks = append(toks, token{kind: tokOr, col: col})
				i = j
				continue
			case "NOT":
				toks = append(toks, token{kind: tokNot, col: col})
				i = j
				continue
			}
			field, valueStart := splitField(rs[i:j])
			if field != "" {
				vcol := i + valueStart + 1
				if i+valueStart == j {
					if j < len(rs) && rs[j] == '"' {
						t, next, err := lexPhrase(q, rs, j, field, col)
						if err != nil {
							return nil, err
						}
						toks = append(toks, token{kind: tokTerm, col: col, term: t})
						i = next
						continue
					}
					return nil, errAt(vcol, "%s: needs a value after the colon, as in %s:value", field, field)
				}
				t, err := lexWord(q, string(rs[i+valueStart:j]), vcol)
				if err != nil {
					return nil, err
				}
				t.field, t.col = field, col
				toks = append(toks, token{kind: tokTerm, col: col, term: t})
				i = j
				continue
			}
			if j < len(rs) && rs[j] == '"' {
				return nil, errAt(j+1, "a quote cannot start inside a word: put a space before it")
			}
			t, err := lexWord(q, word, col)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tokTerm, col: col, term: t})
			i = j
		}
	}
	return append(toks, token{kind: tokEOF, col: len(rs) + 1}), nil
}

func isBoundary(r rune) bool { return unicode.IsSpace(r) || r == '(' || r == ')' }

// splitField recognises "name:" at the start of a word. The name starts
// with a letter or "_" and holds letters, digits, "_", "." or "-"; anything
// else (such as "10:30") is an ordinary word.
func splitField(w []rune) (field string, valueStart int) {
	for k, r := range w {
		if r == ':' {
			if k == 0 {
				return "", 0
			}
			return string(w[:k]), k + 1
		}
		ok := unicode.IsLetter(r) || r == '_' || (k > 0 && (unicode.IsDigit(r) || r == '.' || r == '-'))
		if !ok {
			return "", 0
		}
	}
	return "", 0
}

// lexPhrase reads a quoted phrase starting at rs[i] == '"'.
func lexPhrase(q string, rs []rune, i int, field string, col int) (*termNode, int, error) {
	end := i + 1
	for end < len(rs) && rs[end] != '"' {
		end++
	}
	if end >= len(rs) {
		return nil, 0, &QueryError{Query: q, Column: i + 1, Msg: "the quote is not closed: add a closing \""}
	}
	text := string(rs[i+1 : end])
	if strings.TrimSpace(text) == "" {
		return nil, 0, &QueryError{Query: q, Column: i + 1, Msg: "empty phrase \"\""}
	}
	next := end + 1
	if next < len(rs) && !isBoundary(rs[next]) {
		return nil, 0, &QueryError{Query: q, Column: next + 1, Msg: "put a space after the closing quote"}
	}
	return &termNode{col: col, valueCol: i + 1, field: field, value: text, kind: kindPhrase}, next, nil
}

// lexWord reads word, word*, or word~N.
func lexWord(q, w string, col int) (*termNode, error) {
	errAt := func(c int, format string, args ...any) error {
		return &QueryError{Query: q, Column: c, Msg: fmt.Sprintf(format, args...)}
	}
	t := &termNode{col: col, valueCol: col, value: w, kind: kindWord}
	if k := strings.IndexRune(w, '*'); k >= 0 {
		c := col + len([]rune(w[:k]))
		if k == 0 {
			return nil, errAt(c, "\"*\" needs the start of a word before it, as in nurs*")
		}
		if k != len(w)-1 {
			return nil, errAt(c, "\"*\" works only at the end of a word (prefix*)")
		}
		t.value, t.kind = w[:k], kindPrefix
		return t, nil
	}
	if k := strings.LastIndex(w, "~"); k >= 0 {
		c := col + len([]rune(w[:k]))
		if k == 0 {
			return nil, errAt(c, "\"~\" needs a word before it, as in nurse~")
		}
		t.value, t.kind, t.fuzziness = w[:k], kindFuzzy, 1
		if rest := w[k+1:]; rest != "" {
			n, err := strconv.Atoi(rest)
			if err != nil || n < 1 || n > 2 {
				return nil, errAt(c+1, "fuzziness %q after \"~\" must be 1 or 2", rest)
			}
			t.fuzziness = n
		}
		if strings.Contains(t.value, "~") {
			return nil, errAt(col+len([]rune(w[:strings.Index(w, "~")])), "only one \"~\" per word")
		}
	}
	return t, nil
}
