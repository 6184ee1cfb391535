package document

import (
	"strings"
	"testing"
)

// A position's page is its table row's page when the row knows it (a table
// continued on the next page), else its block's; between blocks and past
// the end it is 0.
func TestPageOf(t *testing.T) {
	d := &Document{Blocks: []Block{
		{Kind: Paragraph, Span: Span{0, 10}, Page: 1},
		{Kind: Table, Span: Span{11, 40}, Page: 1, Rows: []Row{
			{Span: Span{11, 20}, Page: 1},
			{Span: Span{21, 30}, Page: 2},
			{Span: Span{31, 40}}, // page unknown: the table's
		}},
		{Kind: Paragraph, Span: Span{41, 50}, Page: 3},
	}}
	for _, c := range []struct{ offset, want int }{
		{0, 1}, {9, 1}, {10, 0}, {12, 1}, {25, 2}, {20, 1}, {35, 1}, {45, 3}, {50, 0}, {-1, 0},
	} {
		if got := d.PageOf(c.offset); got != c.want {
			t.Errorf("PageOf(%d) = %d, want %d", c.offset, got, c.want)
		}
	}
}

// A span's text is cut by runes, clamped to the document; an invalid byte
// reads as U+FFFD, as in Runes.
func TestSlice(t *testing.T) {
	d := &Document{Text: "ab质控中心c\n第2段"}
	for _, c := range []struct {
		s    Span
		want string
	}{
		{Span{0, 2}, "ab"}, {Span{2, 6}, "质控中心"}, {Span{5, 8}, "心c\n"}, {Span{8, 100}, "第2段"},
		{Span{-3, 1}, "a"}, {Span{4, 4}, ""}, {Span{6, 3}, ""}, {Span{11, 12}, ""},
	} {
		if got := d.Slice(c.s); got != c.want {
			t.Errorf("Slice(%v) = %q, want %q", c.s, got, c.want)
		}
	}
	bad := &Document{Text: "a\xffb质"}
	if got := bad.Slice(Span{1, 4}); got != "\uFFFDb质" {
		t.Errorf("invalid UTF-8: Slice = %q", got)
	}
}

// Slice finds its bytes from offsets kept every checkpointRunes runes:
// every span of a long mixed text cuts as the runes do.
func TestSliceLong(t *testing.T) {
	var b strings.Builder
	for i := range 3*checkpointRunes + 7 {
		b.WriteString([]string{"a", "质", "𠀀", "é"}[i%4])
	}
	d := &Document{Text: b.String()}
	r := []rune(d.Text)
	for start := 0; start <= len(r); start += 5 {
		for end := start; end <= len(r); end += 3 {
			if got, want := d.Slice(Span{start, end}), string(r[start:end]); got != want {
				t.Fatalf("Slice(%d, %d) = %q, want %q", start, end, got, want)
			}
		}
		if got, want := d.Slice(Span{start, len(r)}), string(r[start:]); got != want {
			t.Fatalf("Slice(%d, end) = %q, want %q", start, got, want)
		}
	}
}
