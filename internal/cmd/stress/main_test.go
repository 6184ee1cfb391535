package main

import (
	"strings"
	"testing"
	"time"
)

// An ingest keeps the bounds when it stores the file, or refuses it with
// one line naming it, within the time and memory bounds; a crash, a
// timeout, a refusal without the file's line or a broken bound fails.
func TestJudge(t *testing.T) {
	const path = "/in/x.pdf"
	for _, c := range []struct {
		name string
		r    run
		want bool
	}{
		{"stored", run{wall: time.Second, peakMB: 100}, true},
		{"refused in one line", run{code: 3, wall: time.Second, peakMB: 50, stderr: "qcweave: /in/x.pdf: PDF has no pages\nqcweave: some inputs failed: 1 of 1 files could not be read\n"}, true},
		{"too slow", run{wall: 31 * time.Second, peakMB: 50}, false},
		{"too big", run{wall: time.Second, peakMB: 501}, false},
		{"killed", run{timeout: true, code: -1}, false},
		{"a panic", run{code: 2, stderr: "panic: runtime error\n\ngoroutine 1 [running]:\n"}, false},
		{"no reason", run{code: 1, stderr: "qcweave: some inputs failed\n"}, false},
	} {
		verdict, ok := judge(c.r, path)
		if ok != c.want || ok == strings.HasPrefix(verdict, "FAIL") {
			t.Errorf("%s: %q, %v; want ok %v", c.name, verdict, ok, c.want)
		}
	}
}

// The counts of two stores are compared table by table.
func TestCompare(t *testing.T) {
	want := map[string]int{"documents": 3, "counts": 5}
	if d := compare(want, map[string]int{"documents": 3, "counts": 5}); d != "" {
		t.Errorf("equal stores differ: %s", d)
	}
	if d := compare(want, map[string]int{"documents": 4, "counts": 5}); !strings.Contains(d, "documents 4 (want 3)") {
		t.Errorf("diff %q", d)
	}
}

// A progress line an ingest prints off a terminal is no reason.
func TestReasonCount(t *testing.T) {
	r := run{stderr: "qcweave: /in/pipe.txt: not a regular file (a FIFO)\nqcweave: 1/2 files, 1 failed, 2.2 files/s, about 0s left\nqcweave: some inputs failed: 1 of 2 files could not be read\n"}
	if n := reasonCount(r); n != 1 {
		t.Errorf("%d reasons, want 1", n)
	}
}
