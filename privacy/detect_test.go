package privacy

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// found lists what d finds in text as "kind:text" (or "kind:text:rule"
// with rules set), in order.
func found(d *Detector, text string, rules bool) []string {
	var out []string
	r := []rune(text)
	for _, m := range d.Detect(text) {
		s := fmt.Sprintf("%s:%s", m.Kind, string(r[m.Start:m.End]))
		if rules {
			s += ":" + m.Rule
		}
		out = append(out, s)
	}
	return out
}

type detectCase struct {
	text string
	want []string // "kind:text"; nil for none
}

func runDetect(t *testing.T, d *Detector, cases []detectCase) {
	t.Helper()
	for _, c := range cases {
		got := found(d, c.text, false)
		if !slices.Equal(got, c.want) {
			t.Errorf("%q:\n got  %q\n want %q", c.text, got, c.want)
		}
	}
}

func TestEmail(t *testing.T) {
	runDetect(t, NewDetector(nil), []detectCase{
		{"write to jo.bloggs@nhs.net please", []string{"email:jo.bloggs@nhs.net"}},
		{"Email: a.patel+pain@example.co.uk.", []string{"email:a.patel+pain@example.co.uk"}},
		{"(k_smith-99@mail.example.org)", []string{"email:k_smith-99@mail.example.org"}},
		{"we met @ the hospital", nil},
		{"rated it 5@10", nil},
		{"my handle is @painwarrior", nil},
		{"user@localhost has no dot", nil},
		{"name@domain.c1 ends in a digit", nil},
	})
}

func TestNHSNumber(t *testing.T) {
	// Check digits worked by hand (weights 10 down to 2 on the first nine
	// digits; check = 11 - sum mod 11; 11 becomes 0; 10 is invalid):
	//   943 476 5919: 9·10+4·9+3·8+4·7+7·6+6·5+5·4+9·3+1·2 = 90+36+24+28+42+30+20+27+2
	//                 = 299; 299 mod 11 = 2; check 11-2 = 9 = last digit: valid.
	//   943 476 5918: same sum, check 9 ≠ 8: not valid.
	//   450 557 7104: 40+45+0+35+30+35+28+3+0 = 216; 216 mod 11 = 7; check 4: valid.
	//   100 000 0060: 1·10+6·2 = 22; 22 mod 11 = 0; check 11 → 0: valid.
	//   100 000 0010: 1·10+1·2 = 12; 12 mod 11 = 1; check 10: no last digit is valid.
	runDetect(t, NewDetector(nil), []detectCase{
		{"NHS no 943 476 5919 thanks", []string{"nhs-number:943 476 5919"}},
		{"NHS no 943-476-5919.", []string{"nhs-number:943-476-5919"}},
		{"number 9434765919", []string{"nhs-number:9434765919"}},
		{"450 557 7104", []string{"nhs-number:450 557 7104"}},
		{"1000000060", []string{"nhs-number:1000000060"}},
		{"943 476 5918", nil},
		{"1000000010", nil},
		{"1000000013", nil},
		{"94347659190", nil},         // eleven digits
		{"9434 76 5919", nil},        // not grouped 3-3-4
		{"943 4765919", nil},         // 3+7
		{"ref 12 943 476 5919", nil}, // the tail of a longer number
		{"A943 476 5919", nil},       // glued to a letter
		{"943 476 5919.5 mg", nil},   // a decimal
		{"about 1,000,000,000 people", nil},
	})
}

func TestPhone(t *testing.T) {
	// Numbers from Ofcom's ranges for drama (07700 900xxx, 020 7946 0xxx,
	// 0161 496 0xxx, 01632 960xxx).
	runDetect(t, NewDetector(nil), []detectCase{
		{"ring me on 07700 900123", []string{"phone:07700 900123"}},
		{"07700-900-123", []string{"phone:07700-900-123"}},
		{"07700900123.", []string{"phone:07700900123"}},
		{"mobile +44 7700 900123", []string{"phone:+44 7700 900123"}},
		{"+447700900123", []string{"phone:+447700900123"}},
		{"0044 7700 900123", []string{"phone:0044 7700 900123"}},
		{"call +44 (0)20 7946 0000 today", []string{"phone:+44 (0)20 7946 0000"}},
		{"020 7946 0000", []string{"phone:020 7946 0000"}},
		{"tel 0161 496 0018", []string{"phone:0161 496 0018"}},
		{"(01632) 960001", []string{"phone:(01632) 960001"}},
		{"(01632960001) is the office", []string{"phone:(01632960001)"}},
		{"(07700 900123)", []string{"phone:07700 900123"}},
		{"016977 4321", []string{"phone:016977 4321"}}, // ten digits with the 0
		{"07700 900123 or 07700 900456", []string{"phone:07700 900123", "phone:07700 900456"}},
		{"0770 090 012", nil},      // a mobile needs eleven digits
		{"07700 9001234", nil},     // twelve
		{"12345 678901", nil},      // no leading 0
		{"+33 1 23 45 67 89", nil}, // not UK
		{"00 7700 900123", nil},
		{"0800 123", nil},
		{"2020 2021 2022", nil},
		{"3/3/2025 10:10:05", nil},
		{"07700.900123", nil},
		{"scored 0 10 20 30 40 50", nil},
	})
}

func TestPostcode(t *testing.T) {
	runDetect(t, NewDetector(nil), []detectCase{
		{"I live in LS6 1AB now", []string{"postcode:LS6 1AB"}}, // AA9
		{"M1 1AE", []string{"postcode:M1 1AE"}},                 // A9
		{"B33 8TH.", []string{"postcode:B33 8TH"}},              // A99
		{"CR2 6XH", []string{"postcode:CR2 6XH"}},               // AA9
		{"DN55 1PT", []string{"postcode:DN55 1PT"}},             // AA99
		{"W1A 0AX", []string{"postcode:W1A 0AX"}},               // A9A, A allowed third
		{"EC1A 1BB", []string{"postcode:EC1A 1BB"}},             // AA9A, A allowed fourth
		{"post to ec1a1bb", []string{"postcode:ec1a1bb"}},       // any case, no space
		{"sw1a 2aa", []string{"postcode:sw1a 2aa"}},             // lower case
		{"GIR 0AA", []string{"postcode:GIR 0AA"}},               // the exception
		{"QA1 1AA", nil}, {"VA1 1AA", nil}, {"XA1 1AA", nil}, // Q, V, X never first
		{"LI1 1AA", nil}, {"LJ1 1AA", nil}, {"LZ1 1AA", nil}, // I, J, Z never second
		{"W1I 1AA", nil},                                    // I not allowed third in A9A
		{"EC1C 1BB", nil},                                   // C not allowed fourth in AA9A
		{"LS6 1CB", nil}, {"LS6 1AI", nil}, {"M1 1AK", nil}, // C, I, K never inward
		{"M1 1AM", nil}, {"M1 1AO", nil}, {"M1 1AV", nil}, // M, O, V never inward
		{"on the 1st", nil}, {"the 5th", nil}, {"a4 1st", nil}, {"up the m6 2nd", nil},
		{"at 2pm", nil}, {"A1 2am", nil}, {"took 5mg", nil},
		{"LS6", nil}, {"LS6 1AB7", nil}, {"XLS6 1AB", nil},
	})
}

func TestDate(t *testing.T) {
	runDetect(t, NewDetector(nil), []detectCase{
		{"I was born on the 12th of March 1968.", []string{"date:12th of March 1968"}},
		{"DOB 03/04/1972", []string{"date:03/04/1972"}},
		{"D.O.B. 3.4.72", []string{"date:3.4.72"}},
		{"my birthday is the 1st of May", []string{"date:1st of May"}},
		{"born in 1955 in Leeds", []string{"date:1955"}},
		{"Born: March 12th, 1968", []string{"date:March 12th, 1968"}},
		{"12 March 1968 (my date of birth)", []string{"date:12 March 1968"}},
		{"since 12/03/1968", []string{"date:12/03/1968"}}, // a full date with a birth year
		{"1968-03-12", []string{"date:1968-03-12"}},
		{"on the 1st of March I had a flare", nil}, // an ordinal date, no cue
		{"the group started on 3/3/2025", nil},     // a recent year
		{"I have had pain since 1998", nil},        // a year without a cue
		{"31/02/1968", nil},                        // no 31 February
		{"29/02/1967", nil},                        // 1967 was no leap year
		{"29/02/1968 (born)", []string{"date:29/02/1968"}},
		{"I was born with it, and in 2001 it got worse", nil},
		{"May 2 people join?", nil},
		{"I scored 7/10 and then 9/10", nil},
		{"10:10 on 3rd", nil},
	})
}

func TestName(t *testing.T) {
	runDetect(t, NewDetector(nil), []detectCase{
		{"Dr Kowalczyk was wonderful", []string{"name:Dr Kowalczyk"}},
		{"thank you Mrs. Patel", []string{"name:Mrs. Patel"}},
		{"seen by Dr Anna Kowalczyk-Nowak", []string{"name:Dr Anna Kowalczyk-Nowak"}},
		{"Dr J. Smith", []string{"name:Dr J. Smith"}},
		{"the group run by Sarah Whitfield was great", []string{"name:Sarah Whitfield"}},
		{"Sarah Whitfield ran it", []string{"name:Sarah Whitfield"}}, // a listed name and a surname
		{"with Siobhan O'Brien's help", []string{"name:Siobhan O'Brien"}},
		{"Mary-Jane Smith-Jones", []string{"name:Mary-Jane Smith-Jones"}},
		{"my husband Dave came too", []string{"name:Dave"}},
		{"Our daughter, Emma Lou, drove me", []string{"name:Emma Lou"}},
		{"thanks to Priya and everyone", []string{"name:Priya"}},
		{"a physio called Tom helped", []string{"name:Tom"}},
		{"a lady named Sue Ellis", []string{"name:Sue Ellis"}},
		{"an app called Calm", nil},
		{"a course called Living Well", nil},
		{"Zoë Smith", []string{"name:Zoë Smith"}},
		{"Sarah was lovely", nil},   // a capitalised sentence start on its own
		{"Teams worked well.", nil}, // likewise
		{"Will Teams work?", nil},   // "Will" is also a word
		{"the Pain Management Programme", nil},
		{"near Victoria Station", nil},
		{"Florence Nightingale Ward", nil},
		{"Tai Chi helped", nil},
		{"I used Zoom and Teams", nil},
		{"by the Grace of God", nil},
		{"in June Teams was updated", nil},
		{"my husband and I", nil},
		{"my GP said", nil},
		{"SARAH WHITFIELD", nil},
		{"Dr said rest", nil},
		{"I used to ask Dr Google", nil},
		{"the Nurse Specialist", nil},
	})
}

func TestIdentifiers(t *testing.T) {
	d := NewDetector([]string{"Sarah Whitfield", "Dr Kowalczyk", "Will", "n/a", "x"})
	runDetect(t, d, []detectCase{
		{"whitfield was kind", []string{"name:whitfield"}}, // any case
		{"thanks to kowalczyk", []string{"name:kowalczyk"}},
		{"Sarah and Whitfield", []string{"name:Sarah", "name:Whitfield"}},
		{"ask Will about it", []string{"name:Will"}}, // capitalised mid-sentence
		{"I will come", nil},   // "will" is a common word
		{"Will it help?", nil}, // and at a sentence start
		{"n/a", nil},
		{"x marks it", nil},
	})
}

// TestCodePointOffsets puts emoji and accented letters before findings:
// offsets count code points, not bytes.
func TestCodePointOffsets(t *testing.T) {
	d := NewDetector(nil)
	cases := []struct {
		text       string
		start, end int
	}{
		// 😊 is one code point (4 bytes): "😊 Café: call " is 1+1+4+1+1+4+1 = 13
		// code points; the number is 12 long.
		{"😊 Café: call 07700 900123", 13, 25},
		// 👍🏽 is two code points (thumbs up and a skin tone), then a space:
		// "Zoë Smith" (9 code points, ë precomposed) runs from 3 to 12.
		{"👍🏽 Zoë Smith", 3, 12},
		// "Siân's é-mail: " is 4+2+1+7+1 = 15 code points.
		{"Siân's é-mail: s.jones@example.org", 15, 34},
	}
	for _, c := range cases {
		ms := d.Detect(c.text)
		if len(ms) != 1 || ms[0].Start != c.start || ms[0].End != c.end {
			t.Errorf("%q: got %+v, want one finding at %d-%d", c.text, ms, c.start, c.end)
		}
	}
}

func TestRulesNamed(t *testing.T) {
	d := NewDetector([]string{"Okonjo"})
	text := "a@b.co, 07700 900123, NHS 943 476 5919, LS6 1AB. I was born 1.2.1970. Then Dr Patel, " +
		"Sarah Whitfield, my wife Jan and Priya came on 12/03/1968 with Okonjo"
	got := found(d, text, true)
	want := []string{
		"email:a@b.co:email", "phone:07700 900123:uk-phone", "nhs-number:943 476 5919:nhs-mod11",
		"postcode:LS6 1AB:bs7666-postcode", "date:1.2.1970:date-near-birth-cue",
		"name:Dr Patel:honorific-name",
		"name:Sarah Whitfield:given-name-surname", "name:Jan:relation-name", "name:Priya:given-name",
		"date:12/03/1968:full-date-birth-year", "name:Okonjo:study-identifier",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n %s\nwant\n %s", strings.Join(got, "\n "), strings.Join(want, "\n "))
	}
}

func TestOverlapsResolved(t *testing.T) {
	// The e-mail holds a listed name; the e-mail wins and the name inside
	// it is not reported again.
	d := NewDetector([]string{"Whitfield"})
	got := found(d, "sarah.whitfield@nhs.net", false)
	if want := []string{"email:sarah.whitfield@nhs.net"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
