package pdf

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

// A cached object, from an object stream decoded once or from the file,
// equals the object parsed afresh.
func TestObjectCache(t *testing.T) {
	const path = "../../testdata/corpus/tabula_frx_2012_disclosure.pdf"
	f, err := os.Open(path)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(f, fi.Size())
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := NewReader(f, fi.Size())
	if err != nil {
		t.Fatal(err)
	}
	inStream := 0
	for id, x := range r.xref {
		if x.ptr.id != uint32(id) || !x.inStream && x.offset == 0 {
			continue
		}
		got := r.resolve(objptr{}, x.ptr).data
		var want object
		if x.inStream {
			inStream++
			want = fresh.searchObjectStream(x.ptr, fresh.resolve(objptr{}, x.stream))
		} else {
			want = fresh.readDirect(x.ptr, x)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("object %d: cached %v, parsed %v", id, got, want)
		}
		if again := r.resolve(objptr{}, x.ptr).data; !reflect.DeepEqual(again, got) {
			t.Errorf("object %d changed on a second read", id)
		}
	}
	if inStream == 0 {
		t.Fatalf("%s has no object in an object stream: the test needs one", path)
	}
}

// A cross-reference table that numbers too many objects is refused.
func TestHugeXref(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a table of 2^30 objects was allocated")
		}
	}()
	ensureXrefLen(nil, 1<<30)
}

// An object stream that extends itself is searched a bounded number of
// times, then refused.
func TestExtendsLoop(t *testing.T) {
	const head = "%PDF-1.5\n"
	file := head + "1 0 obj\n<< /Type /ObjStm /N 0 /First 1 /Extends 1 0 R /Length 0 >>\nstream\nendstream\nendobj\n"
	r := &Reader{f: strings.NewReader(file), end: int64(len(file)), xref: []xref{{}, {ptr: objptr{1, 0}, offset: int64(len(head))}}}
	defer func() {
		if x := recover(); x == nil || !strings.Contains(fmt.Sprint(x), "extends") {
			t.Errorf("a looping Extends chain: %v", x)
		}
	}()
	r.searchObjectStream(objptr{5, 0}, r.resolve(objptr{}, objptr{1, 0}))
}
