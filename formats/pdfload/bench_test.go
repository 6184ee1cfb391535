package pdfload

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRead reads every PDF of the fixtures, or of the folder named by
// QCWEAVE_BENCH_PDFS, once per iteration.
func BenchmarkRead(b *testing.B) {
	dir := os.Getenv("QCWEAVE_BENCH_PDFS")
	if dir == "" {
		dir = "../../testdata/pdf"
	}
	paths, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil || len(paths) == 0 {
		b.Skipf("no PDFs in %s", dir)
	}
	var files [][]byte
	var size int64
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
		size += int64(len(data))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range files {
			Read(data) // refusals count: they are work a batch does too
		}
	}
}
