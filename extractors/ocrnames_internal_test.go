package extractors

import "testing"

// Items of a list are corrected only in a list of specialties: an item
// beside one the dictionary knows; a list of people is left as read.
func TestFixListsOfSpecialtiesOnly(t *testing.T) {
	tools, err := NewTools()
	if err != nil {
		t.Fatal(err)
	}
	n := newNearSpecialties(tools.Lex, "")
	tests := []struct{ in, want string }{
		{"眼科、滋尿外科、骨科", "眼科、泌尿外科、骨科"},
		{"滋尿外科、骨科", "泌尿外科、骨科"},
		{"医生、护士、药师参加", "医生、护士、药师参加"},
		{"滋尿外科、某某", "滋尿外科、某某"},
		{"省滋尿外科质控中心", "省泌尿外科质控中心"},
	}
	for _, tt := range tests {
		rs := []rune(tt.in)
		n.fix(rs)
		if string(rs) != tt.want {
			t.Errorf("fix(%s) = %s, want %s", tt.in, string(rs), tt.want)
		}
	}
}
