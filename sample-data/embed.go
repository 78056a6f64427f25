// Package sampledata bundles the sample study, synthetic data shaped like
// the source study (13 pseudonymous patients of a virtual compassion-focused
// pain group), so that 'mixeval init --from-sample' works without network
// or a checkout of the repository.
package sampledata

import (
	"embed"
	"io/fs"
)

//go:generate go run ./gen/coding -study .
//go:generate go run ./gen/scores -study .

//go:embed mixeval.yaml sources scores codebook.yaml coding
var files embed.FS

// FS returns the sample study's files, rooted at the study folder.
func FS() fs.FS { return files }
