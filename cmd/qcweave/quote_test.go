package main

import (
	"strings"
	"testing"
	"unicode/utf8"

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
