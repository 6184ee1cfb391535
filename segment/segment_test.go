package segment

import (
	"os"
	"slices"
	"strings"
	"testing"

	"qcweave/lexicon"
)

// The segmenter cuts as one whose dictionary gse's own LoadDictStr loads
// (which also splits every word for gse's search mode, then again after
// the titles are added): Cut reads the words' frequencies and their total
// only.
func TestCutsAsGseLoads(t *testing.T) {
	lex, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	ours, err := New(lex)
	if err != nil {
		t.Fatal(err)
	}
	dict, err := dictText(lex)
	if err != nil {
		t.Fatal(err)
	}
	ref := &Segmenter{}
	ref.seg.SkipLog, ref.seg.NotLoadHMM = true, true
	if err := ref.seg.LoadDictStr(dict); err != nil {
		t.Fatal(err)
	}
	if err := ref.addTitles(lex); err != nil {
		t.Fatal(err)
	}
	ref.seg.CalcToken()
	lines := 0
	for _, p := range []string{"../testdata/seeds/000_51d78471b3c374dd.txt", "../testdata/seeds/003_8bcd6cef6928f5fe.txt", "../testdata/synthetic/sc_sample.txt"} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.SplitSeq(string(b), "\n") {
			if got, want := ours.Cut(line), ref.Cut(line); !slices.Equal(got, want) {
				t.Fatalf("cut of %q:\n got %v\nwant %v", line, got, want)
			}
			lines++
		}
	}
	if lines < 100 {
		t.Fatalf("only %d lines compared", lines)
	}
}

// BenchmarkNew measures building the segmenter, the start-up cost of a
// document with activities.
func BenchmarkNew(b *testing.B) {
	lex, err := lexicon.Load()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := New(lex); err != nil {
			b.Fatal(err)
		}
	}
}
