package pipeline

import (
	"fmt"
	"testing"
	"time"
)

// Extractions ready together are stored together, up to the group's
// limit; one that comes after the wait starts a group of its own.
func TestGroups(t *testing.T) {
	out := make(chan extracted, 10)
	for i := range 5 {
		out <- extracted{res: Result{Path: fmt.Sprint(i)}}
	}
	gs := groups(out, 3, 50*time.Millisecond)
	var sizes []int
	sizes = append(sizes, len(<-gs), len(<-gs)) // 3, then the 2 left, after the wait
	out <- extracted{res: Result{Path: "late"}}
	close(out)
	for g := range gs {
		sizes = append(sizes, len(g))
	}
	if fmt.Sprint(sizes) != "[3 2 1]" {
		t.Errorf("group sizes %v, want [3 2 1]", sizes)
	}
}
