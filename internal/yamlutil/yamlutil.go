// Package yamlutil decodes the YAML files that people edit (study manifest,
// codebook, coder files) strictly: unknown keys and wrong types are errors
// that name the file, line and column, all of them at once.
package yamlutil

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/mixeval/mixeval/internal/problem"
)

// At returns a problem positioned at node.
func At(file string, node *yaml.Node, format string, args ...any) *problem.Problem {
	e := &problem.Problem{File: file, Msg: fmt.Sprintf(format, args...)}
	if node != nil {
		e.Line, e.Column = node.Line, node.Column
	}
	return e
}

var lineRe = regexp.MustCompile(`line (\d+)(?:, column (\d+))?: (.*)`)

// DecodeStrict parses data into v. It returns the document's root node, so
// that callers can position their own semantic errors, and a problem.List
// listing every unknown key and type mismatch.
//
// A file holding more than one YAML document (a second one after "---") is
// refused: mixeval reads one, and the rest would be ignored silently.
func DecodeStrict(file string, data []byte, v any) (*yaml.Node, error) {
	doc, err := decodeOne(file, data)
	if err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, problem.List{{File: file, Msg: "file is empty; see docs for the expected keys"}}
	}
	root := doc.Content[0]
	var errs problem.List
	checkKeys(file, root, reflect.TypeOf(v), &errs)
	if err := root.Decode(v); err != nil {
		errs = append(errs, typeErrors(file, err)...)
	}
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].Line != errs[j].Line {
			return errs[i].Line < errs[j].Line
		}
		return errs[i].Column < errs[j].Column
	})
	return root, errs.Err()
}

// decodeOne parses the first YAML document of data and makes sure that no
// other follows.
func decodeOne(file string, data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return &doc, nil // no document at all: an empty file
		}
		return nil, problem.List{syntaxError(file, err)}
	}
	var next yaml.Node
	err := dec.Decode(&next)
	if errors.Is(err, io.EOF) {
		return &doc, nil
	}
	line := next.Line
	if err != nil {
		line = 0
		if p := syntaxError(file, err); p.Line > 0 {
			line = p.Line
		}
	}
	return nil, problem.List{{File: file, Line: line, Msg: "a second YAML document starts here (\"---\"); mixeval reads one document per file: remove this line to join the two, or remove what follows it"}}
}

func syntaxError(file string, err error) *problem.Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := lineRe.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		return &problem.Problem{File: file, Line: line, Column: col, Msg: "YAML syntax: " + m[3]}
	}
	return &problem.Problem{File: file, Msg: "YAML syntax: " + msg}
}

func typeErrors(file string, err error) problem.List {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return problem.List{{File: file, Msg: err.Error()}}
	}
	var out problem.List
	for _, s := range te.Errors {
		if m := lineRe.FindStringSubmatch(s); m != nil {
			line, _ := strconv.Atoi(m[1])
			out = append(out, &problem.Problem{File: file, Line: line, Msg: plainTypeMsg(m[3])})
			continue
		}
		out = append(out, &problem.Problem{File: file, Msg: s})
	}
	return out
}

// plainTypeMsg turns yaml.v3's "cannot unmarshal !!str `abc` into float64"
// into words a researcher can act on.
func plainTypeMsg(s string) string {
	s = strings.Replace(s, "cannot unmarshal !!str", "expected a different kind of value, got text", 1)
	s = strings.Replace(s, "cannot unmarshal !!seq", "expected a different kind of value, got a list", 1)
	s = strings.Replace(s, "cannot unmarshal !!map", "expected a different kind of value, got a mapping", 1)
	s = strings.Replace(s, "cannot unmarshal !!int", "expected a different kind of value, got a number", 1)
	s = strings.Replace(s, "cannot unmarshal !!float", "expected a different kind of value, got a number", 1)
	s = strings.Replace(s, "cannot unmarshal !!bool", "expected a different kind of value, got true/false", 1)
	return s
}

var unmarshalerType = reflect.TypeOf((*yaml.Unmarshaler)(nil)).Elem()

// checkKeys walks node alongside t and reports mapping keys that t has no
// field for. yaml.v3's KnownFields does the same but stops at the first
// problem and is lost inside custom unmarshalers.
func checkKeys(file string, node *yaml.Node, t reflect.Type, errs *problem.List) {
	if node == nil || t == nil {
		return
	}
	if node.Kind == yaml.AliasNode {
		node = node.Alias
	}
	for t.Kind() == reflect.Pointer {
		if t.Implements(unmarshalerType) {
			return
		}
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) || t == reflect.TypeOf(yaml.Node{}) {
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if node.Kind != yaml.MappingNode {
			return // the type error comes from Decode
		}
		fields := structFields(t)
		for i := 0; i+1 < len(node.Content); i += 2 {
			k, v := node.Content[i], node.Content[i+1]
			ft, ok := fields[k.Value]
			if !ok {
				*errs = append(*errs, At(file, k, "unknown key %q (allowed here: %s)", k.Value, allowed(fields)))
				continue
			}
			checkKeys(file, v, ft, errs)
		}
	case reflect.Map:
		if node.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(node.Content); i += 2 {
			checkKeys(file, node.Content[i+1], t.Elem(), errs)
		}
	case reflect.Slice, reflect.Array:
		if node.Kind != yaml.SequenceNode {
			return
		}
		for _, c := range node.Content {
			checkKeys(file, c, t.Elem(), errs)
		}
	}
}

func structFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("yaml")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if strings.Contains(opts, "inline") {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for k, v := range structFields(ft) {
					out[k] = v
				}
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

func allowed(fields map[string]reflect.Type) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

// Lookup follows a path of mapping keys (string) and sequence indexes (int)
// from node and returns the node found there, or nil. Callers use it to
// position semantic errors.
func Lookup(node *yaml.Node, path ...any) *yaml.Node {
	for _, p := range path {
		if node == nil {
			return nil
		}
		switch k := p.(type) {
		case string:
			if node.Kind != yaml.MappingNode {
				return nil
			}
			var next *yaml.Node
			for i := 0; i+1 < len(node.Content); i += 2 {
				if node.Content[i].Value == k {
					next = node.Content[i+1]
					break
				}
			}
			node = next
		case int:
			if node.Kind != yaml.SequenceNode || k < 0 || k >= len(node.Content) {
				return nil
			}
			node = node.Content[k]
		default:
			return nil
		}
	}
	return node
}
