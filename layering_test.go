package qcweave

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLayering keeps the walls of the design up: each package may reach
// (import, directly or not) only what comes before it in the flow
// formats → layout → extractors → resolve → store → reconcile → outputs.
func TestLayering(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	rules := []struct {
		pkg       string
		forbidden []string
	}{
		{"qcweave/record", []string{"qcweave/"}},
		{"qcweave/document", []string{"qcweave/"}},
		{"qcweave/lexicon", []string{"qcweave/store", "qcweave/pipeline", "qcweave/cmd", "qcweave/extractors", "qcweave/resolve", "qcweave/formats"}},
		{"qcweave/formats", []string{"qcweave/extractors", "qcweave/resolve", "qcweave/store", "qcweave/pipeline", "qcweave/cmd"}},
		{"qcweave/layout", []string{"qcweave/extractors", "qcweave/formats", "qcweave/store", "qcweave/pipeline"}},
		{"qcweave/checks", []string{"qcweave/lexicon", "qcweave/document", "qcweave/store", "qcweave/pipeline", "qcweave/cmd", "qcweave/extractors", "qcweave/resolve", "qcweave/reconcile", "qcweave/formats", "qcweave/layout"}},
		{"qcweave/extractors", []string{"qcweave/store", "qcweave/pipeline", "qcweave/cmd", "qcweave/resolve", "qcweave/reconcile", "qcweave/formats"}},
		{"qcweave/confidence", []string{"qcweave/lexicon", "qcweave/store", "qcweave/pipeline", "qcweave/cmd", "qcweave/extractors", "qcweave/resolve", "qcweave/formats", "qcweave/layout"}},
		{"qcweave/resolve", []string{"qcweave/store", "qcweave/pipeline", "qcweave/cmd", "qcweave/extractors", "qcweave/formats"}},
		{"qcweave/store", []string{"qcweave/lexicon", "qcweave/resolve", "qcweave/extractors", "qcweave/pipeline", "qcweave/cmd", "qcweave/formats"}},
		{"qcweave/reconcile", []string{"qcweave/extractors", "qcweave/lexicon", "qcweave/pipeline", "qcweave/cmd"}},
		{"qcweave/export", []string{"qcweave/extractors", "qcweave/pipeline", "qcweave/cmd"}},
		{"qcweave/report", []string{"qcweave/extractors", "qcweave/pipeline", "qcweave/cmd"}},
		{"qcweave/serve", []string{"qcweave/extractors", "qcweave/pipeline", "qcweave/cmd", "qcweave/formats", "qcweave/resolve"}},
		{"qcweave/watch", []string{"qcweave/cmd"}},
		{"qcweave/pipeline", []string{"qcweave/cmd"}},
	}
	for _, r := range rules {
		out, err := exec.Command("go", "list", "-deps", r.pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", r.pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == r.pkg {
				continue
			}
			for _, f := range r.forbidden {
				if dep == f || strings.HasPrefix(dep, f) && (strings.HasSuffix(f, "/") || strings.HasPrefix(dep, f+"/")) {
					t.Errorf("%s reaches %s", r.pkg, dep)
				}
			}
		}
	}
}
