package study

import (
	"path/filepath"

	"github.com/mixeval/mixeval/internal/safefile"
)

// The study folder's layout (DESIGN.md §3), named here and nowhere else.
// Paths written in files and messages use these names with '/'.
const (
	// CodebookFile is the shared codebook.
	CodebookFile = "codebook.yaml"
	// CodingDir holds one file per coder and the consensus.
	CodingDir = "coding"
	// ConsensusCoder is the name the reconciled coding goes by; no coder
	// may take it. Its file is coding/consensus.yaml.
	ConsensusCoder = "consensus"
	// SourcesDir holds imported feedback forms, original and normalised.
	SourcesDir = "sources"
	// ScoresDir holds questionnaire data.
	ScoresDir = "scores"
	// PrivacyFile records the personal-data decisions, committed with the
	// study.
	PrivacyFile = "privacy.yaml"
	// DerivedDir holds what mixeval can rebuild (index, caches) and the
	// coders' journals and locks. Git ignores it.
	DerivedDir = ".mixeval"
)

// Layout names every file and folder of the study rooted at Dir.
type Layout struct{ Dir string }

// Layout returns the study's layout.
func (s *Study) Layout() Layout { return Layout{Dir: s.Dir} }

// Manifest is mixeval.yaml.
func (l Layout) Manifest() string { return filepath.Join(l.Dir, ManifestName) }

// Codebook is codebook.yaml.
func (l Layout) Codebook() string { return filepath.Join(l.Dir, CodebookFile) }

// CodingDir is the folder of coder files.
func (l Layout) CodingDir() string { return filepath.Join(l.Dir, CodingDir) }

// CoderFile is coding/<coder>.yaml.
func (l Layout) CoderFile(coder string) string {
	return filepath.Join(l.Dir, CodingDir, coder+".yaml")
}

// Consensus is coding/consensus.yaml.
func (l Layout) Consensus() string { return l.CoderFile(ConsensusCoder) }

// Privacy is privacy.yaml.
func (l Layout) Privacy() string { return filepath.Join(l.Dir, PrivacyFile) }

// Derived is the .mixeval folder.
func (l Layout) Derived() string { return filepath.Join(l.Dir, DerivedDir) }

// IndexDir is the search index.
func (l Layout) IndexDir() string { return filepath.Join(l.Dir, DerivedDir, "index") }

// DocumentsSnapshot is the study's documents in a compact binary form,
// derived from the sources and rebuilt when they change.
func (l Layout) DocumentsSnapshot() string { return filepath.Join(l.Dir, DerivedDir, "documents") }

// JournalDir holds the coders' journals and locks.
func (l Layout) JournalDir() string { return filepath.Join(l.Dir, DerivedDir, "journal") }

// Journal is a coder's journal of actions not yet folded into their file.
func (l Layout) Journal(coder string) string {
	return filepath.Join(l.JournalDir(), coder+".log")
}

// LockDir holds the locks of the shared files (codebook, consensus,
// manifest, privacy decisions).
func (l Layout) LockDir() string { return filepath.Join(l.Dir, DerivedDir, "locks") }

// Rel gives path relative to the study folder with '/', for messages; a
// path outside the study is returned as it is.
func (l Layout) Rel(path string) string {
	rel, err := filepath.Rel(l.Dir, path)
	if err != nil || rel == ".." || len(rel) > 2 && rel[:3] == "../" {
		return path
	}
	return filepath.ToSlash(rel)
}

// Sources is the folder of imported feedback forms.
func (l Layout) Sources() string { return filepath.Join(l.Dir, SourcesDir) }

// Scores is the folder of questionnaire data.
func (l Layout) Scores() string { return filepath.Join(l.Dir, ScoresDir) }

// Written lists the folders and shared files that mixeval creates or
// replaces inside the study (coder files are checked when opened).
func (l Layout) Written() []string {
	return []string{
		l.Manifest(), l.Codebook(), l.Privacy(), l.Sources(), l.Scores(),
		l.CodingDir(), l.Consensus(),
		l.Derived(), l.IndexDir(), l.JournalDir(), l.LockDir(),
	}
}

// CheckLinks returns a *safefile.SymlinkError when any path of Written, or
// a folder on the way to it, is a symbolic link: mixeval never writes
// through a link (docs/safety.md). The study folder itself may be one.
func (l Layout) CheckLinks() error {
	for _, p := range l.Written() {
		if err := safefile.RefuseLinksUnder(l.Dir, p); err != nil {
			return err
		}
	}
	return nil
}

// TempFolders are the folders where atomic writes leave temporary files
// when killed.
func (l Layout) TempFolders() []string {
	return []string{l.Dir, l.Sources(), l.Scores(), l.CodingDir(), l.JournalDir(), l.IndexDir()}
}
