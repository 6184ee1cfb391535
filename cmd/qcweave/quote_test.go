package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"qcweave/internal/storetest"
	"qcweave/record"
)

// A finding's quote, shortened for the terminal, shows the name the
// finding is about even when the name comes late in a long paragraph.
func TestQuoteShowsTheName(t *testing.T) {
	long := strings.Repeat("甲乙丙丁戊己庚辛壬癸", 8) // 80 runes without the names
	tests := []struct {
		name  string
		f     record.Finding
		quote string
		want  string // the quote shown must hold it
		cut   bool   // starts with …
	}{
		{"a specialty late in the paragraph",
			record.Finding{Subject: "玄学", Message: "词典中没有专业“玄学”"}, long + "某市玄学质控中心成立。", "某市玄学质控中心", true},
		{"the first of listed institutions the quote holds",
			record.Finding{Subject: "机构", Message: "词典中没有以下机构（共2个）：某甲医院、某乙医院"}, long + "由某乙医院承办。", "由某乙医院承办", true},
		{"a name near the start keeps the start",
			record.Finding{Subject: "玄学", Message: "词典中没有专业“玄学”"}, "玄学质控中心" + long, "玄学质控中心", false},
		{"a short quote whole",
			record.Finding{Subject: "玄学"}, "玄学质控中心成立。", "玄学质控中心成立。", false},
		{"a quote without the name is cut at its end",
			record.Finding{Subject: "玄学"}, long + long, "甲乙丙", false},
	}
	for _, tt := range tests {
		got := quoteAround(tt.quote, findingNames(tt.f), 70)
		if !strings.Contains(got, tt.want) || strings.HasPrefix(got, "…") != tt.cut || utf8.RuneCountInString(got) > 70 {
			t.Errorf("%s: %q (%d runes)", tt.name, got, utf8.RuneCountInString(got))
		}
	}
}

// check quotes an unknown name where the document names it when the
// record's quote does not hold it (a host named in another sentence than
// its center), with that line as its place.
func TestCheckQuotesTheUnknownName(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	storetest.Save(t, st, storetest.Doc{SHA256: "q1", Title: "某甲市奇异学质控中心成立\n会议由某甲市第九医院承办", Date: "2025-02-28"})
	f := record.UnknownList("机构", []string{"某甲市第九医院"}, "q1", record.Evidence{Quote: "某甲市奇异学质控中心成立", Span: record.Span{2, 14}})
	var out bytes.Buffer
	if err := printFindings(ctx, &env{stdout: &out}, st, []record.Finding{f}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "「会议由某甲市第九医院承办」 q1.txt") || !strings.Contains(out.String(), "line 2") {
		t.Errorf("the quote does not show the name:\n%s", out.String())
	}
}
