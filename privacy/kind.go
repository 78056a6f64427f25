package privacy

// Kind is what sort of personal data a finding is.
type Kind string

// The kinds of personal data the detector finds.
const (
	KindEmail     Kind = "email"
	KindPhone     Kind = "phone"
	KindNHSNumber Kind = "nhs-number"
	KindPostcode  Kind = "postcode"
	KindDate      Kind = "date"
	KindName      Kind = "name"
)

// Kinds lists every kind, in the order of their priority when two findings
// overlap (the first wins).
func Kinds() []Kind {
	return []Kind{KindEmail, KindNHSNumber, KindPhone, KindPostcode, KindDate, KindName}
}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return k.priority() >= 0 }

// Marker is what redaction writes in place of a finding of this kind.
func (k Kind) Marker() string {
	switch k {
	case KindNHSNumber:
		return "[NHS number]"
	case "":
		return "[redacted]"
	}
	return "[" + string(k) + "]"
}

// priority is k's index in Kinds, or -1.
func (k Kind) priority() int {
	for i, c := range Kinds() {
		if c == k {
			return i
		}
	}
	return -1
}

// The rules that fire, one name each, as findings report them.
const (
	RuleEmail          = "email"
	RulePhone          = "uk-phone"
	RuleNHSNumber      = "nhs-mod11"
	RulePostcode       = "bs7666-postcode"
	RuleDateCue        = "date-near-birth-cue"
	RuleDateFull       = "full-date-birth-year"
	RuleNameHonorific  = "honorific-name"
	RuleNameGiven      = "given-name-surname"
	RuleNameGivenAlone = "given-name"
	RuleNameRelation   = "relation-name"
	RuleNameIdentifier = "study-identifier"
)
