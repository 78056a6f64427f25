package study

import (
	"bytes"

	"github.com/mixeval/mixeval/internal/atomicfile"
	"gopkg.in/yaml.v3"
)

// MarshalYAML renders v the way every human-edited mixeval file is written:
// two-space indent, keys in struct order, so that git diffs stay small.
func MarshalYAML(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Save writes the manifest back to mixeval.yaml atomically. It edits the
// file's YAML tree rather than re-encoding the struct: each top-level key
// whose value is unchanged keeps its node, comments and layout; a changed
// value is replaced; a new key goes where the struct's order puts it; a
// key whose value is now empty goes. The caller holds the manifest's lock.
func (s *Study) Save() error {
	var fresh yaml.Node
	if err := fresh.Encode(&s.Manifest); err != nil {
		return err
	}
	root := s.Root
	if root == nil || root.Kind != yaml.MappingNode {
		root = &fresh
	} else {
		mergeTopLevel(root, &fresh)
	}
	data, err := MarshalYAML(root)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(s.ManifestPath(), data, 0o644); err != nil {
		return err
	}
	_, s.Root, err = ParseManifest(s.ManifestPath(), data)
	return err
}

// mergeTopLevel makes old's top-level keys those of fresh, keeping the old
// node of every key whose value encodes the same.
func mergeTopLevel(old, fresh *yaml.Node) {
	oldVal := map[string]int{}
	for i := 0; i+1 < len(old.Content); i += 2 {
		oldVal[old.Content[i].Value] = i
	}
	freshKeys := map[string]bool{}
	var out []*yaml.Node
	// Keys in fresh's order, but an old key that fresh lacks is dropped and
	// the old order of kept keys wins where both have them.
	placed := map[string]bool{}
	for i := 0; i+1 < len(fresh.Content); i += 2 {
		freshKeys[fresh.Content[i].Value] = true
	}
	next := 0 // index into fresh
	for i := 0; i+1 < len(old.Content); i += 2 {
		k := old.Content[i].Value
		if !freshKeys[k] {
			continue
		}
		// Insert fresh keys that come before k in fresh and are new.
		for ; next+1 < len(fresh.Content) && fresh.Content[next].Value != k; next += 2 {
			fk := fresh.Content[next].Value
			if _, had := oldVal[fk]; !had && !placed[fk] {
				out = append(out, fresh.Content[next], fresh.Content[next+1])
				placed[fk] = true
			}
		}
		val := old.Content[i+1]
		if nv := freshValue(fresh, k); nv != nil && !sameYAML(val, nv) {
			val = nv
		}
		out = append(out, old.Content[i], val)
		placed[k] = true
	}
	for j := 0; j+1 < len(fresh.Content); j += 2 {
		if fk := fresh.Content[j].Value; !placed[fk] {
			out = append(out, fresh.Content[j], fresh.Content[j+1])
		}
	}
	old.Content = out
}

func freshValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// sameYAML reports whether two nodes hold the same data.
func sameYAML(a, b *yaml.Node) bool {
	var x, y any
	if a.Decode(&x) != nil || b.Decode(&y) != nil {
		return false
	}
	xa, err1 := yaml.Marshal(x)
	ya, err2 := yaml.Marshal(y)
	return err1 == nil && err2 == nil && bytes.Equal(xa, ya)
}
