package main

// plantedFixtures are feedback exports with personal data planted in the
// answers, for privacy_guard.txtar: Excel "CSV UTF-8" from a European
// Windows (a BOM, semicolons, CRLF, a quoted answer over two lines), a
// Name column the manifest names as identifying, an emoji and an accent
// before a finding, and in v2 one answer changed (R02 gains ", please").
//
// What is planted, by answer (code point spans, end exclusive):
//
//	R01  "Dr Kowalczyk" 18-30 (honorific; also a study identifier),
//	     "Priya" 36-41 (a value of the Name column), "Dave" 68-72 (after "My husband")
//	R02  "07700 900123" 11-23 (phone), "jo.bloggs@example.org" 36-57 (e-mail)
//	R03  "943 476 5919" 29-41 (NHS number; check digit 9: 9·10+4·9+3·8+4·7+7·6+6·5+5·4+9·3+1·2 = 299,
//	     299 mod 11 = 2, 11−2 = 9), "LS6 1AB" 63-70 (postcode)
//	R04  "12/03/1968" 14-24 (after "born on"); "the 1st" and "March" are not findings
//	R05  "Sarah Whitfield" 16-31 (given name and surname)
func plantedFixtures() map[string][]byte {
	head := "\xEF\xBB\xBFRespondent;Name;group;What helped?\r\n"
	rows := func(r02 string) []byte {
		return []byte(head +
			"R01;Priya Okonjo;1;\"Café chats 😊 with Dr Kowalczyk, and Priya from the ward.\r\nMy husband Dave came too.\"\r\n" +
			"R02;Tom Reid;2;" + r02 + "\r\n" +
			"R03;Ann Lee;1;\"The breathing; my NHS number 943 476 5919 was on the letter to LS6 1AB.\"\r\n" +
			"R04;Bo Chan;2;\"I was born on 12/03/1968, so the 1st session in March felt late.\"\r\n" +
			"R05;Di Ray;1;Nothing to add. Sarah Whitfield ran it well.\r\n")
	}
	return map[string][]byte{
		"planted-v1.csv": rows("Call me on 07700 900123 or write to jo.bloggs@example.org about the group."),
		"planted-v2.csv": rows("Call me on 07700 900123 or write to jo.bloggs@example.org about the group, please."),
	}
}
