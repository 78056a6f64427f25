package tui

import (
	"errors"
	"fmt"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/thematic/coding"
)

// opened is a coder's coding as the UI opened it.
type opened struct {
	name     string
	coder    *backend.Coder // nil when read-only
	view     CodingView
	readOnly string // why the coding cannot be changed
	notice   string // e.g. that the coder was added
}

// openCoding opens name's coding for the UI. A name the manifest lacks is
// added as a coder, with a notice. A coding another mixeval holds open is
// opened read-only from its file (plus journal), with the reason.
func openCoding(b *backend.Study, name string) (*opened, error) {
	o := &opened{name: name}
	added, err := b.AddCoder(name)
	if err != nil {
		return nil, err
	}
	if added {
		o.notice = fmt.Sprintf("%s is new: added as a coder in mixeval.yaml", name)
	}
	c, err := b.OpenCoder(name)
	var locked *coding.LockedError
	switch {
	case errors.As(err, &locked):
		f, rerr := b.ReadCoding(name)
		if rerr != nil {
			return nil, rerr
		}
		o.view = newFileView(f)
		pid := ""
		if locked.PID > 0 {
			pid = fmt.Sprintf(" (pid %d)", locked.PID)
		}
		o.readOnly = fmt.Sprintf("read-only: %s's coding is open in another mixeval%s", name, pid)
		return o, nil
	case err != nil:
		return nil, err
	}
	o.coder = c
	o.view = c.Session()
	return o, nil
}
