// Package mmapfile maps derived and canonical files into memory, so that a
// command reads only the pages it looks at (the documents snapshot, the
// part of a coder file one action needs).
package mmapfile
