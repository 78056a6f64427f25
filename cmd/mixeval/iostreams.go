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
}

func systemIO() *ioStreams {
	return &ioStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		InTerminal:  isTerminal(os.Stdin),
		OutTerminal: isTerminal(os.Stdout),
	}
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
