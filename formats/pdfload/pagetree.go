package pdfload

import (
	"reflect"

	lpdf "github.com/ledongthuc/pdf"
)

// Bounds on a page tree: a real one is a few levels deep; a hostile one
// can claim millions of pages or contain itself.
const (
	maxPages     = 20000
	maxTreeNodes = 200000
	maxTreeDepth = 64
)

// pageList returns the pages of the document in order, walking the page
// tree once. (The library's Reader.Page walks the tree from the root for
// every page: quadratic in the pages, and endless on a tree that contains
// itself.) A node met again is skipped.
func pageList(r *lpdf.Reader) []lpdf.Page {
	var out []lpdf.Page
	seen := map[uint64]bool{}
	nodes := 0
	var walk func(v lpdf.Value, depth int)
	walk = func(v lpdf.Value, depth int) {
		nodes++
		if nodes > maxTreeNodes || depth > maxTreeDepth || len(out) >= maxPages || v.Kind() != lpdf.Dict {
			return
		}
		if id, ok := objectID(v); ok {
			if seen[id] {
				return
			}
			seen[id] = true
		}
		kids := v.Key("Kids")
		switch typ := v.Key("Type").Name(); {
		case typ == "Pages" || typ == "" && kids.Kind() == lpdf.Array:
			for i := 0; i < kids.Len(); i++ {
				walk(kids.Index(i), depth+1)
			}
		case typ == "Page" || typ == "":
			out = append(out, lpdf.Page{V: v})
		}
	}
	walk(r.Trailer().Key("Root").Key("Pages"), 0)
	return out
}

// objectID is the object number and generation a value was read from, when
// it was an indirect object. The library keeps it unexported; it is read,
// never written.
func objectID(v lpdf.Value) (uint64, bool) {
	f := reflect.ValueOf(v).FieldByName("ptr")
	if !f.IsValid() || f.Kind() != reflect.Struct || f.NumField() < 2 {
		return 0, false
	}
	id, gen := f.Field(0), f.Field(1)
	if !id.CanUint() || !gen.CanUint() || id.Uint() == 0 {
		return 0, false
	}
	return id.Uint()<<16 | gen.Uint(), true
}
