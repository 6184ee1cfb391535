package ofdpkg

import "testing"

func TestDeltas(t *testing.T) {
	got := Deltas("1 g 3 2.5 4")
	want := []float64{1, 2.5, 2.5, 2.5, 4}
	if len(got) != len(want) {
		t.Fatalf("deltas = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("deltas = %v, want %v", got, want)
		}
	}
}

func TestFields(t *testing.T) {
	if f, more := Fields("  1 2\t3 \n", 3); len(f) != 3 || f[2] != "3" || more {
		t.Errorf("Fields = %q %v", f, more)
	}
	if f, more := Fields("1 2 3 4 5", 4); len(f) != 4 || !more {
		t.Errorf("Fields = %q %v", f, more)
	}
	if got := ParseBox("1 2 3 4 5", [4]float64{9}); got[0] != 9 {
		t.Errorf("a box of five numbers: %v", got)
	}
	if got := Deltas("1 g 3"); len(got) != 2 || got[1] != 3 {
		t.Errorf("a g without its value: %v", got)
	}
}

func TestResolve(t *testing.T) {
	for _, c := range [][3]string{
		{"Doc_0", "Pages/Page_0/Content.xml", "Doc_0/Pages/Page_0/Content.xml"},
		{"Doc_0", "/Doc_0/Res/a.png", "Doc_0/Res/a.png"},
		{"Doc_0/Res", `..\..\..\x.xml`, "x.xml"},
	} {
		if got := Resolve(c[0], c[1]); got != c[2] {
			t.Errorf("Resolve(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}
