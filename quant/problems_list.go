package quant

import "github.com/mixeval/mixeval/internal/problem"

// List gives the problems as the project's one problem type, so that front
// ends count and show them alike.
func (ps Problems) List() problem.List {
	out := make(problem.List, len(ps))
	for i, p := range ps {
		out[i] = &problem.Problem{File: p.File, Row: p.Row, Field: p.Column, Msg: p.Msg}
	}
	return out
}

// List gives the problems as the project's one problem type.
func (e *InputError) List() problem.List {
	out := make(problem.List, 0, len(e.Problems)+1)
	for _, p := range e.Problems {
		out = append(out, &problem.Problem{File: e.File, Row: p.Row, Field: p.Column, Msg: p.Msg})
	}
	if e.More > 0 {
		out = append(out, &problem.Problem{File: e.File, More: e.More,
			Msg: "and more problems of the same kinds (only the first ones are listed)"})
	}
	return out
}
