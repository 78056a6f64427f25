package triangulate

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/mixeval/mixeval/thematic/coding"
)

// ConsensusCoder is the name the consensus coding goes by; no coder may
// take it.
const ConsensusCoder = "consensus"

// KnownCoders lists the coders of a study: those in the manifest and those
// with a coding/<name>.yaml, sorted, without the consensus.
func KnownCoders(studyDir string, manifest []string) []string {
	set := map[string]bool{}
	for _, c := range manifest {
		set[c] = true
	}
	files, _ := filepath.Glob(filepath.Join(studyDir, "coding", "*.yaml"))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".yaml")
		if coding.ValidCoder(name) {
			set[name] = true
		}
	}
	delete(set, ConsensusCoder)
	var out []string
	for c := range set {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// ResolveCoders checks the coders asked for (default: the manifest's, else
// every coder with a file) and returns them in the order asked. It needs
// at least two; a name that is neither in the manifest nor has a coder
// file is an error that lists the coders who exist.
func ResolveCoders(studyDir string, manifest, asked []string) ([]string, error) {
	known := KnownCoders(studyDir, manifest)
	names := asked
	if len(names) == 0 {
		names = manifest
		if len(names) == 0 {
			names = known
		}
	}
	var unknown []string
	seen := map[string]bool{}
	for _, n := range names {
		if n == ConsensusCoder {
			return nil, fmt.Errorf("%q is the reconciled coding, not a coder: compare coders, or see 'mixeval reconcile'", n)
		}
		if seen[n] {
			return nil, fmt.Errorf("coder %q is named twice", n)
		}
		seen[n] = true
		if !slices.Contains(known, n) {
			unknown = append(unknown, n)
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("no coder %s in this study (no coding/%s.yaml and not in mixeval.yaml); the coders are: %s", quoteJoin(unknown), unknown[0], listOrNone(known))
	}
	if len(names) < 2 {
		return nil, fmt.Errorf("agreement needs two coders, but this study has %s: list a second coder under 'coders:' in mixeval.yaml and let them code, or pass --coders A,B", coderCount(names))
	}
	return names, nil
}

func listOrNone(xs []string) string {
	if len(xs) == 0 {
		return "none yet"
	}
	return strings.Join(xs, ", ")
}

func coderCount(names []string) string {
	if len(names) == 0 {
		return "no coders"
	}
	return "only " + names[0]
}

// ReadCoders reads each coder's coding (YAML plus any unfinished journal),
// without taking their locks.
// The files are read at the same time: reading is CPU-bound (parsing
// 300,000 segments takes about half a second), and a comparison has two
// coders or more. The first error in the order of names is returned, so
// the message does not depend on which read finished first.
func ReadCoders(studyDir string, names []string) ([]*coding.File, error) {
	out := make([]*coding.File, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Go(func() { out[i], errs[i] = coding.Read(studyDir, n) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// exists reports whether path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
