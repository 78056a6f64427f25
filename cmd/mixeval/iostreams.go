package main

import (
	"io"
	"os"
)

// ioStreams are the command's input and outputs; tests pass buffers.
type ioStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// InTerminal and OutTerminal say whether a person is at the other end;
	// commands never prompt when InTerminal is false.
	InTerminal  bool
	OutTerminal bool
	// Color allows styling the output (bold, underline): a terminal, and
	// neither NO_COLOR (https://no-color.org) nor TERM=dumb set.
	Color bool
}

func systemIO() *ioStreams {
	out := isTerminal(os.Stdout)
	return &ioStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		InTerminal:  isTerminal(os.Stdin),
		OutTerminal: out,
		Color:       out && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb",
	}
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
