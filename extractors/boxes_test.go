package extractors_test

import (
	"testing"

	"qcweave/record"
)

// A PDF's records carry the boxes of their quotes, on the record's page
// and inside the page's size; a text file's carry none.
func TestRecordBoxes(t *testing.T) {
	ex, _ := extractWith(t, "../testdata/pdf/000_51d78471b3c374dd.lo-text.pdf")
	if len(ex.Source.PageSizes) != ex.Source.Pages {
		t.Fatalf("%d page sizes for %d pages", len(ex.Source.PageSizes), ex.Source.Pages)
	}
	var evs []record.Evidence
	for _, c := range ex.Counts {
		evs = append(evs, c.Evidence)
	}
	for _, c := range ex.Centers {
		evs = append(evs, c.Evidence)
	}
	for _, c := range ex.Coverage {
		evs = append(evs, c.Evidence)
	}
	if len(evs) < 20 {
		t.Fatalf("%d records", len(evs))
	}
	for _, e := range evs {
		if len(e.Boxes) == 0 {
			t.Errorf("no boxes for %q", e.Quote)
			continue
		}
		if int(e.Boxes[0][0]) != e.Page {
			t.Errorf("%q: first box on page %v, record on page %d", e.Quote, e.Boxes[0][0], e.Page)
		}
		for _, b := range e.Boxes {
			size := ex.Source.PageSizes[int(b[0])-1]
			if b[1] < 0 || b[2] < 0 || b[3] > size[0] || b[4] > size[1] || b[1] >= b[3] || b[2] >= b[4] {
				t.Errorf("%q: box %v outside the page %v", e.Quote, b, size)
			}
		}
	}
	txt, _ := extractWith(t, "../testdata/seeds/000_51d78471b3c374dd.txt")
	for _, c := range txt.Counts {
		if c.Boxes != nil {
			t.Errorf("a text file's record has boxes %v", c.Boxes)
		}
	}
	if txt.Source.PageSizes != nil {
		t.Errorf("a text file has page sizes %v", txt.Source.PageSizes)
	}
}
