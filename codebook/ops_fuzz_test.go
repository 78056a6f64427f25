package codebook

import (
	"testing"
)

// FuzzOperations drives random sequences of operations over the base
// codebook. After each one: a refused operation left the file unchanged, an
// accepted one left it valid, and the saved form loads and saves again to
// the same bytes.
func FuzzOperations(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{3, 0, 5, 4, 1, 6, 2, 2, 7, 3, 9, 0})
	f.Add([]byte{5, 2, 1, 5, 1, 0, 6, 3, 3, 0, 0, 4})
	f.Fuzz(func(t *testing.T, prog []byte) {
		cb := base(t)
		byte_ := func(i int) int {
			if i < len(prog) {
				return int(prog[i])
			}
			return 0
		}
		names := []string{"Peers", "New code", "Été 🙂", "x", "Belonging"}
		for pc := 0; pc+2 < len(prog) && pc < 60; pc += 3 {
			ids := []string{""}
			cb.Walk(func(n, _ *Node) bool { ids = append(ids, n.ID); return true })
			ids = append(ids, "missing")
			a := ids[byte_(pc+1)%len(ids)]
			b := ids[byte_(pc+2)%len(ids)]
			name := names[byte_(pc+2)%len(names)]
			before, err := cb.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			uses := func(string) int { return byte_(pc+1) % 2 }
			switch prog[pc] % 10 {
			case 0:
				_, err = cb.Create("alice", NewNode{Kind: Kind(byte_(pc+1)%3 + 0), Name: name, Parent: b})
			case 1:
				err = cb.Rename("alice", a, name)
			case 2:
				err = cb.Move("alice", a, b)
			case 3:
				_, err = cb.Merge("alice", a, b)
			case 4:
				assign := ""
				if byte_(pc+2)%2 == 1 {
					assign = "part-b"
				}
				_, err = cb.Split("alice", a, []NewNode{{ID: "part-a", Name: "A"}, {ID: "part-b", Name: "B"}}, assign)
			case 5:
				_, err = cb.Delete("alice", a, uses, "")
			case 6:
				_, err = cb.Delete("alice", a, uses, b)
			case 7:
				err = cb.AddExemplar("alice", a, Exemplar{Document: "P01/q", Start: byte_(pc+2) % 3, End: 4, Coder: "bob", Code: b})
			case 8:
				err = cb.RemoveExemplar("alice", a, Exemplar{Document: "P01/helped", Start: 0, End: 5, Coder: "alice"})
			case 9:
				err = cb.Edit("alice", a, Details{Definition: name + "\n" + name, Memo: name})
			}
			after, merr := cb.Marshal()
			if merr != nil {
				t.Fatal(merr)
			}
			if err != nil {
				if string(after) != string(before) {
					t.Fatalf("op %d refused (%v) but changed the codebook:\n%s", prog[pc]%10, err, lineDiff(string(before), string(after)))
				}
				continue
			}
			if verr := cb.Validate(); verr != nil {
				t.Fatalf("op %d left an invalid codebook: %v\n%s", prog[pc]%10, verr, after)
			}
			back, perr := Parse("after.yaml", after)
			if perr != nil {
				t.Fatalf("op %d: saved codebook does not load: %v\n%s", prog[pc]%10, perr, after)
			}
			again, _ := back.Marshal()
			if string(again) != string(after) {
				t.Fatalf("op %d: save not stable:\n%s", prog[pc]%10, lineDiff(string(after), string(again)))
			}
		}
	})
}
