package checks

import (
	"testing"

	"qcweave/record"
)

// A coverage table is checked row by row against the provincial list when
// a few rows differ; when most do, the table counts something else and is
// one finding.
func TestOffBaseline(t *testing.T) {
	row := func(built, missing int) record.Coverage {
		return record.Coverage{Built: &built, Missing: make([]string, missing)}
	}
	tests := []struct {
		name       string
		rows       []record.Coverage
		off        int
		lo, hi     int
		systematic bool
	}{
		{"every row adds up", []record.Coverage{row(8, 2), row(10, 0), row(5, 5)}, 0, 0, 0, false},
		{"one row of four is short", []record.Coverage{row(8, 2), row(10, 0), row(5, 5), row(6, 1)}, 1, 7, 7, false},
		{"most rows exceed the list", []record.Coverage{row(9, 3), row(12, 0), row(8, 2), row(11, 1)}, 3, 12, 12, true},
		{"rows off both ways, most of the table", []record.Coverage{row(9, 3), row(4, 1), row(8, 2), row(11, 1), row(10, 0)}, 3, 5, 12, true},
		{"two rows off of three are too few to tell", []record.Coverage{row(9, 3), row(4, 1), row(8, 2)}, 2, 5, 12, false},
		{"a row without a built count is not checked", []record.Coverage{{Missing: []string{"x"}}, row(8, 2)}, 0, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			off, lo, hi, sys := offBaseline(tt.rows, 10)
			if len(off) != tt.off || lo != tt.lo || hi != tt.hi || sys != tt.systematic {
				t.Errorf("offBaseline = %d rows off, %d–%d, systematic %v; want %d, %d–%d, %v", len(off), lo, hi, sys, tt.off, tt.lo, tt.hi, tt.systematic)
			}
		})
	}
}
