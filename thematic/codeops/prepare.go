package codeops

import (
	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
)

// Prepared is the check that comes before any coding action: the coder is
// one of the study's, and every code is in the codebook (new ones created in
// memory, not yet saved), so that a dry run can show them without writing.
type Prepared struct {
	Coder    string
	Codebook *codebook.Codebook
	// Created lists the code ids that the codebook did not have.
	Created []string
}

// Prepare checks the coder and loads the codebook with codes ensured.
func Prepare(s *study.Study, coder string, codes []string) (*Prepared, error) {
	if err := CheckCoder(s.Manifest.Coders, coder); err != nil {
		return nil, err
	}
	cb, err := LoadCodebook(s.Dir)
	if err != nil {
		return nil, err
	}
	created, err := EnsureCodes(cb, coder, codes)
	if err != nil {
		return nil, err
	}
	return &Prepared{Coder: coder, Codebook: cb, Created: created}, nil
}

// Open takes the coder's session and only then saves codes the codebook did
// not have, so that a coder file held by another mixeval leaves the codebook
// untouched too. The caller closes the session.
func (p *Prepared) Open(studyDir string) (*coding.Session, error) {
	sess, err := coding.Open(studyDir, p.Coder)
	if err != nil {
		return nil, err
	}
	if len(p.Created) > 0 {
		if err := SaveCodebook(studyDir, p.Codebook); err != nil {
			sess.Close()
			return nil, err
		}
	}
	return sess, nil
}
