package layout

import (
	"fmt"
	"strings"
	"testing"
)

// A cell's start is the display width of the text before it: two columns
// for a CJK character, tabs to the next multiple of eight.
func TestSplitCellsStarts(t *testing.T) {
	for _, c := range []struct {
		line string
		want []int
	}{
		{"序号   名称   单位", []int{0, 7, 14}},
		{"1\t质控中心\t医院", []int{0, 8, 24}},
		{"ab    中文    cd", []int{0, 6, 14}},
	} {
		_, starts := splitCells([]rune(c.line), 0, 3)
		if fmt.Sprint(starts) != fmt.Sprint(c.want) {
			t.Errorf("%q: starts %v, want %v", c.line, starts, c.want)
		}
	}
}

// A line of a hundred thousand cells is split in time linear in its
// length (the starts are carried from cell to cell, not measured anew).
func BenchmarkSplitCellsLongLine(b *testing.B) {
	line := []rune(strings.Repeat("质控   ", 100_000))
	for b.Loop() {
		splitCells(line, 0, 3)
	}
}

// The byte scans before pageLine and headerWord pass every line those
// patterns match.
func TestPatternGates(t *testing.T) {
	for _, w := range strings.Split(headerWord.String(), "|") {
		if !strings.ContainsAny(w, headerFirst) {
			t.Errorf("header word %q has no character of headerFirst", w)
		}
	}
	for _, s := range []string{"当前位置：首页 > 工作动态", "首页 > 新闻", "发布时间：2024-05-08", "2024-05-08 10:30", "8.5.2024 来源",
		"某某医院 来源：本站", "作者：张三"} {
		if !pageLine.MatchString(s) {
			t.Fatalf("%q: the example is no page line", s)
		}
		if !markText(s).page {
			t.Errorf("markText(%q) is not a page line: the gate stopped pageLine", s)
		}
	}
	if markText("Name: value").page || nonASCII("Name: value") || !nonASCII("名称") {
		t.Error("an ASCII line with a colon passed the gate")
	}
}

// A line is a row only when tabs or runs of spaces (ASCII, ideographic or
// no-break) cut it; single spaces never do.
func TestRowCuts(t *testing.T) {
	for _, c := range []struct {
		line string
		want int // cells, 0: not a row
	}{
		{"甲 乙 丙 丁", 0}, {"质控中心名单", 0}, {"甲  乙  丙", 3}, {"甲\u3000\u3000乙\u3000\u3000丙", 3},
		{"甲\u00a0\u00a0乙\u00a0\u00a0丙", 3}, {"甲\t乙", 2}, {"  ", 0}, {"", 0},
	} {
		cells, _ := splitCells([]rune(c.line), 0, 3)
		if c.line == "甲\t乙" {
			cells, _ = splitCells([]rune(c.line), 0, 2)
		}
		if len(cells) != c.want {
			t.Errorf("splitCells(%q) gave %d cells, want %d", c.line, len(cells), c.want)
		}
	}
}
