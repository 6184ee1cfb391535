package pdfload

import (
	"bytes"
	"fmt"
	"testing"

	lpdf "github.com/ledongthuc/pdf"

	"qcweave/internal/pdftest"
)

func openObjects(t *testing.T, objs []string) *lpdf.Reader {
	t.Helper()
	b := pdftest.Objects(objs)
	r, err := lpdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The page tree is walked once, in order, through nested nodes; a tree
// that contains itself ends, each page read once.
func TestPageList(t *testing.T) {
	page := func(n int) string { return fmt.Sprintf("<< /Type /Page /Parent 2 0 R /N %d >>", n) }
	for _, c := range []struct {
		name string
		objs []string
		want []int64 // the /N of each page found
	}{
		{"flat", []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>", page(1), page(2), page(3)}, []int64{1, 2, 3}},
		{"nested", []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 3 >>",
			"<< /Type /Pages /Kids [4 0 R 5 0 R] /Count 2 >>", page(1), page(2), page(3)}, []int64{1, 2, 3}},
		{"cycle", []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R 3 0 R 4 0 R 2 0 R] /Count 1000000 >>",
			page(1), "<< /Type /Pages /Kids [2 0 R 4 0 R 3 0 R] /Count 1000000 >>"}, []int64{1}},
		{"no type on the leaves", []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Kids [3 0 R] >>", "<< /N 7 >>"}, []int64{7}},
	} {
		pages := pageList(openObjects(t, c.objs))
		var got []int64
		for _, p := range pages {
			got = append(got, p.V.Key("N").Int64())
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: pages %v, want %v", c.name, got, c.want)
		}
	}
}

// The identity of an indirect object is read from the library's value:
// if the library changes how it keeps it, this fails.
func TestObjectID(t *testing.T) {
	r := openObjects(t, []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"})
	id, ok := objectID(r.Trailer().Key("Root").Key("Pages"))
	if !ok || id != 2<<16 {
		t.Errorf("objectID = %d, %v; want object 2", id, ok)
	}
}
