package study

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/internal/safefile"
)

// EmptyCodebook is the codebook of a new study: no themes, no codes yet.
// The codebook package owns the format; this is its smallest valid file.
const EmptyCodebook = "version: 1\n"

// ErrStudyExists is returned by Init and InitFromFS when the folder already holds a
var ErrStudyExists = errors.New("already holds a study")

// Init creates a study in dir (made if missing): mixeval.yaml titled
// after the folder, mode reflexive; an empty codebook.yaml; folders
// sources/, coding/ and scores/; and a .gitignore that keeps the derived
// .mixeval/ folder out of git. It refuses a folder that already has a
// mixeval.yaml or codebook.yaml, and changes nothing then.
func Init(dir string) error {
	if err := refuseExisting(dir); err != nil {
		return err
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	m := Manifest{Title: filepath.Base(absDir), Mode: "reflexive"}
	data, err := MarshalYAML(&m)
	if err != nil {
		return err
	}
	if err := makeFolders(dir); err != nil {
		return err
	}
	if err := atomicfile.WriteFile(filepath.Join(dir, CodebookFile), []byte(EmptyCodebook), 0o644); err != nil {
		return err
	}
	if err := ensureGitignore(dir); err != nil {
		return err
	}
	// The manifest last: a folder is a study only once everything is there.
	return atomicfile.WriteFile(filepath.Join(dir, ManifestName), data, 0o644)
}

// InitFromFS copies the study in fsys (the bundled sample) into dir,
// under the same refusal rules as Init, then adds whatever a study
// needs that the copy lacks (folders, codebook, .gitignore).
func InitFromFS(dir string, fsys fs.FS) error {
	if err := refuseExisting(dir); err != nil {
		return err
	}
	if _, err := fs.Stat(fsys, ManifestName); err != nil {
		return fmt.Errorf("the bundled sample has no %s: %w", ManifestName, err)
	}
	if err := makeFolders(dir); err != nil {
		return err
	}
	var manifest []byte
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "." || strings.HasSuffix(p, ".go") {
			return nil
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if p == ManifestName {
			manifest = b
			return nil
		}
		return atomicfile.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		return err
	}
	cb := filepath.Join(dir, CodebookFile)
	if _, err := os.Stat(cb); errors.Is(err, fs.ErrNotExist) {
		if err := atomicfile.WriteFile(cb, []byte(EmptyCodebook), 0o644); err != nil {
			return err
		}
	}
	if err := ensureGitignore(dir); err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(dir, ManifestName), manifest, 0o644)
}

func refuseExisting(dir string) error {
	for _, name := range []string{ManifestName, CodebookFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return fmt.Errorf("%s %w (%s): nothing changed; choose another folder", dir, ErrStudyExists, name)
		}
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return fmt.Errorf("%s is a file, not a folder", dir)
	}
	return nil
}

func makeFolders(dir string) error {
	for _, d := range []string{SourcesDir, CodingDir, ScoresDir} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return err
		}
	}
	return nil
}

// gitignored are the patterns a study's .gitignore holds, each with the
// comment written above it: the derived folder, and the temporary files of
// atomic writes that a killed process leaves behind (removed when next
// seen, but never to be committed meanwhile).
var gitignored = [][2]string{
	{"# derived and rebuildable: search index, caches, journals", DerivedDir + "/"},
	{"# temporary files of interrupted saves", atomicfile.GitignorePattern},
}

// ensureGitignore adds the patterns of gitignored that dir/.gitignore lacks,
// keeping what is there.
func ensureGitignore(dir string) error {
	p := filepath.Join(dir, ".gitignore")
	old, err := safefile.ReadFile(p, 0)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	have := map[string]bool{}
	for _, line := range strings.Split(string(old), "\n") {
		l := strings.TrimSpace(line)
		have[strings.TrimSuffix(strings.TrimPrefix(l, "/"), "/")] = true
	}
	s := string(old)
	for _, g := range gitignored {
		if have[strings.TrimSuffix(g[1], "/")] {
			continue
		}
		if s != "" && !strings.HasSuffix(s, "\n") {
			s += "\n"
		}
		s += g[0] + "\n" + g[1] + "\n"
	}
	if s == string(old) {
		return nil
	}
	return atomicfile.WriteFile(p, []byte(s), 0o644)
}
