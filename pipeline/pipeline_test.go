package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qcweave/pipeline"
	"qcweave/record"
)

func open(t *testing.T) *pipeline.Workspace {
	t.Helper()
	w, err := pipeline.Open(context.Background(), filepath.Join(t.TempDir(), "q.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// An ingest stores good files, reports bad ones with a reason, and a
// second ingest of the same content changes nothing.
func TestIngest(t *testing.T) {
	ctx := context.Background()
	w := open(t)
	dir := t.TempDir()
	write(t, dir, "a.txt", "2024年5月8日，浙江省超声质控中心在杭州召开年度工作会议。\n")
	write(t, dir, "empty.txt", "")
	results, err := w.Ingest(ctx, []string{dir}, pipeline.IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, r := range results {
		status[filepath.Base(r.Path)] = r.Status
		if r.Status == pipeline.Failed && !strings.Contains(pipeline.Reason(r.Err), "empty.txt") {
			t.Errorf("reason %q does not name the file", pipeline.Reason(r.Err))
		}
	}
	if status["a.txt"] != pipeline.Stored || status["empty.txt"] != pipeline.Failed {
		t.Errorf("statuses %v", status)
	}
	again, err := w.Ingest(ctx, []string{filepath.Join(dir, "a.txt")}, pipeline.IngestOptions{})
	if err != nil || len(again) != 1 || again[0].Status != pipeline.Unchanged {
		t.Errorf("second ingest: %+v, %v", again, err)
	}
	sum, err := w.Store().Summarize(ctx)
	if err != nil || sum.Documents != 1 || sum.Activities != 1 || sum.Errors != 1 {
		t.Errorf("summary %+v, %v", sum, err)
	}
}

// A user alias resolves the stored names again without reading the file:
// the unknown specialty's finding goes.
func TestAddAliasResolvesTheStore(t *testing.T) {
	ctx := context.Background()
	w := open(t)
	p := write(t, t.TempDir(), "b.txt", "2024年5月8日，浙江省玄妙学质控中心在杭州召开年度工作会议。\n")
	if _, err := w.Ingest(ctx, []string{p}, pipeline.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	unknown := func() int {
		fs, err := w.Store().Findings(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range fs {
			if f.Kind == record.UnknownEntity && strings.Contains(f.Message, "玄妙学") {
				n++
			}
		}
		return n
	}
	if unknown() != 1 {
		t.Fatalf("want one unknown_entity for 玄妙学 before the alias")
	}
	conf := func() float64 {
		var c float64
		if err := w.Store().DB().QueryRowContext(ctx, "SELECT confidence FROM center_mentions").Scan(&c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	before := conf()
	os.Remove(p) // the alias must not need the file
	if _, err := w.AddAlias(ctx, record.UserAlias{Kind: record.UserSpecialty, Alias: "玄妙学", Target: "超声医学"}); err != nil {
		t.Fatal(err)
	}
	if n := unknown(); n != 0 {
		t.Errorf("%d unknown_entity findings for 玄妙学 after the alias", n)
	}
	// the center whose specialty the dictionaries now know is surer
	if after := conf(); after <= before || after >= 1 {
		t.Errorf("confidence %v after the alias, %v before", after, before)
	}
	if _, err := w.AddAlias(ctx, record.UserAlias{Kind: record.UserRegion, Alias: "某地", Target: "no such region"}); err == nil {
		t.Errorf("an alias to an unknown region was accepted")
	}
}

// Extract reads one file, resolved, with no store.
func TestExtract(t *testing.T) {
	p := write(t, t.TempDir(), "c.txt", "2024年5月8日，浙江省超声质控中心在杭州召开年度工作会议，挂靠浙江省人民医院。\n")
	ex, err := pipeline.Extract(context.Background(), nil, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Centers) != 1 || len(ex.References.Regions) == 0 {
		t.Errorf("centers %+v, regions %+v", ex.Centers, ex.References.Regions)
	}
	if _, err := pipeline.Extract(context.Background(), nil, filepath.Join(t.TempDir(), "missing.txt")); err == nil {
		t.Errorf("no error for a missing file")
	}
}

// cjk is n characters of varied Chinese (the worst case of a trigram
// index: nearly every three characters are new), in lines of 60.
func cjk(n int) string {
	var b strings.Builder
	x := uint32(1)
	for i := 0; i < n; i++ {
		x = x*1664525 + 1013904223
		b.WriteRune(rune(0x4e00 + x>>8%20000))
		if i%60 == 59 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// A file of more text than a document holds is refused in one line
// naming it, whether its size tells (a text file) or only its text once
// read (a web page), and the batch goes on: the notice beside it is
// stored, and extract refuses the same.
func TestTextTooLong(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	good := write(t, dir, "a.txt", "2024年5月8日，浙江省超声质控中心在杭州召开年度工作会议。\n")
	long := cjk(pipeline.MaxText + 100)
	cases := map[string]string{
		"big.txt":   long + long, // more than 4 bytes a character allows
		"page.html": "<html><body><p>" + strings.ReplaceAll(long, "\n", "</p><p>") + "</p></body></html>",
		"long.txt":  long,
	}
	w := open(t)
	paths := []string{good}
	for name, text := range cases {
		paths = append(paths, write(t, dir, name, text))
	}
	results, err := w.Ingest(ctx, paths, pipeline.IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		name := filepath.Base(r.Path)
		if name == "a.txt" {
			if r.Status != pipeline.Stored {
				t.Errorf("a.txt: %s %v", r.Status, r.Err)
			}
			continue
		}
		if r.Status != pipeline.Failed || !errors.Is(r.Err, pipeline.ErrTextTooLong) || !strings.HasPrefix(r.Reason(), r.Path+": ") {
			t.Errorf("%s: %s, %v; want refused as too long", name, r.Status, r.Err)
		}
	}
	for _, name := range []string{"big.txt", "long.txt"} {
		if _, err := pipeline.Extract(ctx, nil, filepath.Join(dir, name)); !errors.Is(err, pipeline.ErrTextTooLong) {
			t.Errorf("extract %s: %v, want refused as too long", name, err)
		}
	}
}

// An alias or target typed with spaces at its ends is stored without
// them (it would never match the text); one holding a line break or
// another control character is refused.
func TestAddAliasOneLine(t *testing.T) {
	ctx := context.Background()
	w := open(t)
	for _, c := range []struct {
		alias, target string
		ok            bool
	}{
		{" 玄妙学\t", " 超声医学 ", true},
		{"玄\n妙学", "超声医学", false},
		{"玄妙学", "超声\r医学", false},
		{"玄妙\x00学", "超声医学", false},
	} {
		_, err := w.AddAlias(ctx, record.UserAlias{Kind: record.UserSpecialty, Alias: c.alias, Target: c.target})
		if (err == nil) != c.ok {
			t.Errorf("AddAlias(%q, %q): %v", c.alias, c.target, err)
		}
	}
	list, err := w.Aliases(ctx)
	if err != nil || len(list) != 1 || list[0].Alias != "玄妙学" || list[0].Target != "超声医学" {
		t.Errorf("user dictionary %q, %v; want 玄妙学 → 超声医学 alone", list, err)
	}
}
