package extractors_test

import (
	"bytes"
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"qcweave/extractors"
	"qcweave/formats"
)

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkExtractDense measures extraction of dense inputs, the hot path
// of the stress run's 10 MB cases at a size a benchmark can repeat: the
// Henan seed joined into one line and repeated (as an HTML page: one long
// paragraph of many sentences and centers), the seed repeated as it is (a
// text of many tables), and a paragraph of ranked counts. Layout is done
// once; each iteration extracts. Reported as MB/s of the input and as CPU
// seconds per MB.
func BenchmarkExtractDense(b *testing.B) {
	seed, err := os.ReadFile("../testdata/seeds/000_51d78471b3c374dd.txt")
	if err != nil {
		b.Fatal(err)
	}
	const size = 256 << 10
	oneLine := bytes.ReplaceAll(seed, []byte("\n"), nil)
	html := append([]byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>质控中心</title></head><body>`+"\n"),
		bytes.Repeat(oneLine, size/len(oneLine))...)
	html = append(html, "</body></html>\n"...)
	var ranked bytes.Buffer
	ranked.WriteString("河南省卫生健康委员会关于质控中心建设情况的通报\n截至2025年1月31日，全省共有市级质控中心1200个，其中")
	cities := []string{"郑州", "开封", "洛阳", "平顶山", "安阳", "鹤壁", "新乡", "焦作", "濮阳", "许昌", "漯河", "三门峡", "南阳", "商丘", "信阳", "周口", "驻马店"}
	for i := 0; ranked.Len() < size/4; i++ {
		for j, c := range cities {
			ranked.WriteString(c)
			ranked.WriteString([]string{"68", "66", "64", "63", "43", "46", "33"}[(i+j)%7])
			ranked.WriteString("个、")
		}
	}
	ranked.WriteString("。\n")
	t := loadTools(b)
	for _, c := range []struct {
		name string
		file string
		data []byte
	}{
		{"notice-one-line", "dense.html", html},
		{"notice-repeated", "dense.txt", bytes.Repeat(seed, size/len(seed))},
		{"ranked-counts", "ranked.txt", ranked.Bytes()},
	} {
		b.Run(c.name, func(b *testing.B) {
			doc, err := (&formats.Loader{}).Load(context.Background(), c.file, c.data)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(c.data)))
			b.ResetTimer()
			cpu := cpuTime()
			for range b.N {
				if _, err := extractors.Extract(context.Background(), doc, t); err != nil {
					b.Fatal(err)
				}
			}
			// CPU time of the process (GC included) per MB: steadier than the
			// wall time on a shared machine
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N)/(float64(len(c.data))/(1<<20)), "cpu-s/MB")
		})
	}
}
