package checks

import (
	"fmt"
	"strings"
	"testing"

	"qcweave/record"
)

// A document whose facts contradict each other thousands of times gives
// the first findings of each kind one by one and one finding for the
// rest, saying how many.
func TestSummarizeFindings(t *testing.T) {
	var fs []record.Finding
	for i := range 1000 {
		fs = append(fs, record.Finding{Kind: record.ValueConflict, Message: fmt.Sprint("冲突", i)})
	}
	fs = append(fs, record.Finding{Kind: record.TotalMismatch, Message: "合计不符"})
	out := summarize(fs)
	kinds := map[string]int{}
	for _, f := range out {
		kinds[f.Kind]++
	}
	if kinds[record.ValueConflict] != maxFindingsPerKind+1 || kinds[record.TotalMismatch] != 1 {
		t.Fatalf("kinds %v", kinds)
	}
	last := out[len(out)-1]
	if !strings.Contains(last.Message, fmt.Sprintf("另有 %d 条", 1000-maxFindingsPerKind)) || !strings.Contains(last.Message, "冲突50") {
		t.Errorf("summary %q", last.Message)
	}
}
