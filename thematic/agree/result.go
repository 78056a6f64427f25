package agree

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Result is one coefficient with the data it rests on. When Defined is
// false, Value is meaningless and Note says why: the coefficient does not
// apply to these data (NotApplicable, e.g. Cohen's kappa for three coders)
// or its denominator is zero (chance agreement of 1, no expected
// disagreement).
type Result struct {
	Value         float64
	Defined       bool
	NotApplicable bool
	// Units is the number of units the coefficient used; Coders the number
	// of coders; Missing the number of empty cells among the units that at
	// least one of those coders rated.
	Units   int
	Coders  int
	Missing int
	// Values is the number of pairable values (Krippendorff's n); zero for
	// the other coefficients.
	Values int
	Note   string
}

// MarshalJSON writes the value, or null when it is undefined or does not
// apply. The counts are written by Summary's details.
func (r Result) MarshalJSON() ([]byte, error) {
	if !r.Defined {
		return []byte("null"), nil
	}
	return json.Marshal(r.Value)
}

// String gives the value to three decimals, "undefined" or "n/a".
func (r Result) String() string {
	switch {
	case r.NotApplicable:
		return "n/a"
	case !r.Defined:
		return "undefined"
	}
	return strconv.FormatFloat(r.Value, 'f', 3, 64)
}

func defined(v float64, units, coders, miss int) Result {
	return Result{Value: v, Defined: true, Units: units, Coders: coders, Missing: miss}
}

func undefined(note string, units, coders, miss int) Result {
	return Result{Units: units, Coders: coders, Missing: miss, Note: note}
}

func notApplicable(note string, coders int) Result {
	return Result{NotApplicable: true, Coders: coders, Note: note}
}

// Level is Krippendorff's level of measurement, which picks the difference
// function δ².
type Level int

const (
	Nominal Level = iota
	Ordinal
	Interval
	Ratio
)

// levelNames are the levels' names, in Level order.
var levelNames = [...]string{"nominal", "ordinal", "interval", "ratio"}

// AllLevels returns the four levels in order.
func AllLevels() []Level { return []Level{Nominal, Ordinal, Interval, Ratio} }

func (l Level) String() string {
	if l < 0 || int(l) >= len(levelNames) {
		return fmt.Sprintf("Level(%d)", int(l))
	}
	return levelNames[l]
}

// ParseLevel reads nominal, ordinal, interval or ratio.
func ParseLevel(s string) (Level, error) {
	for i, n := range levelNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return Level(i), nil
		}
	}
	return 0, fmt.Errorf("level %q is not known: use nominal, ordinal, interval or ratio", s)
}

// ParseLevels reads a comma-separated list such as "nominal,ordinal".
func ParseLevels(s string) ([]Level, error) {
	var out []Level
	for _, part := range strings.Split(s, ",") {
		l, err := ParseLevel(part)
		if err != nil {
			return nil, err
		}
		if !containsLevel(out, l) {
			out = append(out, l)
		}
	}
	return out, nil
}

func containsLevel(ls []Level, l Level) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}
