package backend

import (
	"fmt"

	"github.com/mixeval/mixeval/quant"
)

// Quant scores every measure of the study from its data file and runs the
// reliable and clinically significant change analysis. Nothing is returned
// when any measure has a problem: every problem is listed.
func (b *Study) Quant(opt quant.StudyOptions) ([]quant.MeasureResult, error) {
	return quant.RunStudyWith(b.Manifest(), opt)
}

// QuantMeasure is Quant for one measure, by name.
func (b *Study) QuantMeasure(name string, opt quant.StudyOptions) (*quant.MeasureResult, error) {
	rs, err := b.Quant(opt)
	if err != nil {
		return nil, err
	}
	for i := range rs {
		if rs[i].Name == name {
			return &rs[i], nil
		}
	}
	var names []string
	for _, r := range rs {
		names = append(names, r.Name)
	}
	return nil, fmt.Errorf("the study has no measure %q; its measures are %v", name, names)
}
