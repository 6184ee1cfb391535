package extractors

import (
	"fmt"
	"testing"
)

// A numbered column whose numbers run in order: a cell misread as a
// character or as a number that breaks the run is the number its
// neighbours imply; a gap the neighbours do not agree on is left alone.
func TestNumberRun(t *testing.T) {
	tests := []struct {
		name  string
		cells []string
		want  []int
	}{
		{"read right", []string{"1", "2", "3"}, []int{1, 2, 3}},
		{"a character between two numbers", []string{"4", "5", "口", "7", "8"}, []int{4, 5, 6, 7, 8}},
		{"a character first", []string{"乙", "2", "3"}, []int{1, 2, 3}},
		{"two characters first", []string{"乙", "七", "3", "4"}, []int{1, 2, 3, 4}},
		{"a character last", []string{"5", "6", "了"}, []int{5, 6, 7}},
		{"an empty cell", []string{"1", "2", "", "4", "5"}, []int{1, 2, 3, 4, 5}},
		{"a rule read as a digit, then a character, then a number with a digit before it",
			[]string{"18", "19", "209", "ET", "522", "23", "24"}, []int{18, 19, 20, 21, 22, 23, 24}},
		{"a number wrong everywhere but inside the run", []string{"1", "2", "8", "4", "5"}, []int{1, 2, 3, 4, 5}},
		{"at an end, a number that does not hold the implied one stays", []string{"1", "2", "9"}, []int{1, 2, 9}},
		{"neighbours that disagree", []string{"1", "2", "X", "7", "8"}, []int{1, 2, 0, 7, 8}},
		{"a second list starts again", []string{"1", "2", "3", "1", "2"}, []int{1, 2, 3, 1, 2}},
		{"no numbers", []string{"甲", "乙"}, []int{0, 0}},
	}
	for _, tt := range tests {
		if got := numberRun(tt.cells); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: numberRun(%q) = %v, want %v", tt.name, tt.cells, got, tt.want)
		}
	}
}
