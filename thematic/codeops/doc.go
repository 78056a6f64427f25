// Package codeops joins the parts of the qualitative side for the coding
// commands: it checks a span against the study's documents, turns search
// hits into coding requests (a match, its sentence or the whole answer),
// creates codes the codebook does not know yet, counts every coder's use of
// the codebook, and finds the coded segments that a re-import has left on
// changed text. The commands in cmd/mixeval only call it.
package codeops
