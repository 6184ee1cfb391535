package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestScopeReadsNoWholeTable: what ingesting one document reads of a large
// store goes by index — the documents it supersedes, the open findings
// (those of superseded documents left out), the summary — and never reads
// every document.
func TestScopeReadsNoWholeTable(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, q := range []string{
		`SELECT o.id FROM documents o JOIN documents d ON o.superseded_by = d.id WHERE d.sha256 = 'x'`,
		`SELECT count(*) FROM open_findings`,
	} {
		rows, err := s.DB().QueryContext(ctx, "EXPLAIN QUERY PLAN "+q)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		for _, step := range plan {
			if (strings.HasPrefix(step, "SCAN documents") || strings.HasPrefix(step, "SCAN o")) && !strings.Contains(step, "COVERING INDEX documents_superseded") {
				t.Errorf("%s\nreads every document: %s", q, strings.Join(plan, "; "))
			}
		}
	}
}
