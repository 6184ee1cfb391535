package pipeline_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"qcweave/pipeline"
	"qcweave/record"
)

// notice is a short bulletin that states how many city-level centers a
// city has at a date.
func notice(n int, city string, count int) string {
	return fmt.Sprintf("河南省卫生健康委员会\n关于全省质控中心建设情况的第%d期简报\n截至2025年1月31日，%s共有市级质控中心%d个。\n河南省卫生健康委员会\n2025年2月%d日\n", n, city, count, n)
}

// Each ingest checks the new documents' facts against what the store
// knows about them: findings about other facts stay as they were, the
// finding about a fact a new document restates lists every value.
func TestIngestReconcilesItsFacts(t *testing.T) {
	ctx := context.Background()
	w := open(t)
	dir := t.TempDir()
	ingest := func(name, text string) {
		t.Helper()
		res, err := w.Ingest(ctx, []string{write(t, dir, name, text)}, pipeline.IngestOptions{})
		if err != nil || len(res) != 1 || res[0].Err != nil {
			t.Fatalf("ingest %s: %v %+v", name, err, res)
		}
	}
	conflicts := func() map[string]record.Finding {
		t.Helper()
		fs, err := w.Store().Findings(ctx, true)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]record.Finding{}
		for _, f := range fs {
			if f.Kind == record.ValueConflict {
				out[f.Subject] = f
			}
		}
		return out
	}
	ingest("1.txt", notice(1, "郑州市", 63))
	ingest("2.txt", notice(2, "郑州市", 61))
	ingest("3.txt", notice(3, "濮阳市", 60))
	ingest("4.txt", notice(4, "濮阳市", 58))
	before := conflicts()
	if len(before) != 2 {
		t.Fatalf("conflicts %v, want one for each city", before)
	}
	ingest("5.txt", notice(5, "郑州市", 65))
	after := conflicts()
	if len(after) != 2 {
		t.Fatalf("conflicts %v, want still one for each city", after)
	}
	var zz, py record.Finding
	for s, f := range after {
		if strings.Contains(s, "郑州") {
			zz = f
		} else {
			py = f
		}
	}
	if !strings.Contains(zz.Message, "3 份文件") || !strings.Contains(zz.Message, "65") || len(zz.Refs) != 3 {
		t.Errorf("郑州's finding does not list the three values: %+v", zz)
	}
	for _, f := range before {
		if strings.Contains(f.Subject, "濮阳") && f.ID != py.ID {
			t.Errorf("濮阳's finding changed: %+v → %+v", f, py)
		}
	}
}
