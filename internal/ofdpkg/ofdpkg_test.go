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
