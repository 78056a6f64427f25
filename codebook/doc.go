// Package codebook reads, validates, edits and writes a study's shared
// codebook, codebook.yaml: a tree of themes (superordinate), subthemes
// (subordinate) and codes, each with a stable slug id, a name, a definition
// and optional scope, central organising concept, memo and exemplar quotes.
// Codes may also stand unattached at the top level while a researcher is
// still generating them (Braun & Clarke's phase 2).
//
// Every change goes through an operation method (Create, Rename, Edit, Move,
// Merge, Split, Delete, AddExemplar, RemoveExemplar). Each one checks its
// arguments first and leaves the codebook untouched when it refuses, and each
// one appends an Event to the codebook's history, so the file itself records
// who reorganised the codes, when and how. Merge, Split and Delete return the
// id mapping that the coding side must apply to segments.
//
// QDC exports the codebook to REFI-QDA's codebook exchange format, with
// GUIDs derived from ids (GUID), so that they are stable across exports.
//
// Files are written in one canonical form (stable key order, block style,
// one list entry per item) so that two researchers can diff and merge them
// with git, and so that loading and saving without changes leaves the file
// byte-identical.
//
//	cb, err := codebook.Load("codebook.yaml")
//	if err != nil { ... } // every problem, each with file:line:column
//	n, err := cb.Create("alice", codebook.NewNode{Kind: codebook.Code, Name: "Feeling understood", Parent: "connection"})
//	err = cb.Save("codebook.yaml")
package codebook
