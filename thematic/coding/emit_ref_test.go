package coding

import (
	"bytes"
	"maps"
	"slices"
	"strconv"

	"gopkg.in/yaml.v3"
)

// marshalReference is the canonical form as yaml.v3 writes it from a node
// tree; the fast emitter must produce exactly these bytes.
func (f *File) marshalReference() ([]byte, error) {
	g := f.Clone()
	g.normalize()
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(g.node()); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (f *File) node() *yaml.Node {
	root := mapping()
	add(root, "coder", str(f.Coder))
	if f.Sequence > 0 {
		add(root, "sequence", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatUint(f.Sequence, 10)})
	}
	if f.Memo != "" {
		add(root, "memo", str(f.Memo))
	}
	if len(f.Reviewed) > 0 {
		seq := sequence(len(f.Reviewed))
		for _, d := range f.Reviewed {
			seq.Content = append(seq.Content, str(d))
		}
		add(root, "reviewed", seq)
	}
	if len(f.Read) > 0 {
		seq := sequence(len(f.Read))
		for _, d := range f.Read {
			seq.Content = append(seq.Content, str(d))
		}
		add(root, "read", seq)
	}
	if len(f.DocumentMemos) > 0 {
		docs := slices.Sorted(maps.Keys(f.DocumentMemos))
		seq := sequence(len(docs))
		for _, d := range docs {
			m := mapping()
			add(m, "document", str(d))
			add(m, "memo", str(f.DocumentMemos[d]))
			seq.Content = append(seq.Content, m)
		}
		add(root, "documents", seq)
	}
	if len(f.Segments) > 0 {
		seq := sequence(len(f.Segments))
		for _, s := range f.Segments {
			seq.Content = append(seq.Content, s.node())
		}
		add(root, "segments", seq)
	}
	return root
}

func (s Segment) node() *yaml.Node {
	m := mapping()
	add(m, "id", str(s.ID))
	add(m, "document", str(s.Document))
	add(m, "start", integer(s.Start))
	add(m, "end", integer(s.End))
	codes := sequence(len(s.Codes))
	for _, c := range s.Codes {
		codes.Content = append(codes.Content, str(c))
	}
	add(m, "codes", codes)
	if s.Memo != "" {
		add(m, "memo", str(s.Memo))
	}
	if s.Hash != "" {
		add(m, "hash", str(s.Hash))
	}
	add(m, "created", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: s.Created.UTC().Format(timeLayout)})
	add(m, "updated", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: s.Updated.UTC().Format(timeLayout)})
	return m
}

func integer(v int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(v)}
}
