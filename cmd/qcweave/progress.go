package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"qcweave/internal/oneline"
	"qcweave/pipeline"
)

// progress tells how an ingest goes on stderr: on a terminal a bar
// redrawn in place; otherwise (a log, a pipe) a plain line every few
// seconds. Both give files done of the total, failures, the rate and the
// time left, and the pages of a scan being read by OCR (which takes
// seconds a page). Quiet runs show nothing. It is safe for concurrent use.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	tty   bool
	level verbosity
	now   func() time.Time
	// every is the time between two plain lines.
	every       time.Duration
	start, last time.Time
	failed      int
	active      bool
	// the files done and to do, as last told
	done, total int
}

// plainEvery is how often a run not on a terminal prints its progress.
const plainEvery = 5 * time.Second

func newProgress(e *env, level verbosity, now func() time.Time) *progress {
	if now == nil {
		now = time.Now
	}
	t := now()
	return &progress{w: e.stderr, tty: e.stderrIsTTY, level: level, now: now, every: plainEvery, start: t, last: t}
}

// status is "120/654 files, 3 failed, 2.1 files/s, about 4m10s left".
func (p *progress) status(done, total int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d/%d files", done, total)
	if p.failed > 0 {
		fmt.Fprintf(&b, ", %d failed", p.failed)
	}
	el := p.now().Sub(p.start)
	if done > 0 && el > 0 {
		rate := float64(done) / el.Seconds()
		fmt.Fprintf(&b, ", %.1f files/s", rate)
		if done < total {
			left := time.Duration(float64(total-done) / rate * float64(time.Second))
			fmt.Fprintf(&b, ", about %s left", roundDuration(left))
		}
	}
	return b.String()
}

// roundDuration rounds d for a person: seconds under ten minutes,
// minutes above.
func roundDuration(d time.Duration) time.Duration {
	if d >= 10*time.Minute {
		return d.Round(time.Minute)
	}
	return d.Round(time.Second)
}

// update is called as each file is done.
func (p *progress) update(done, total int, r pipeline.Result) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done, p.total = done, total
	if r.Status == pipeline.Failed {
		p.failed++
	}
	if p.level < normal || total == 0 {
		return
	}
	if p.tty {
		const width = 24
		n := done * width / total
		name := oneline.Path(r.Path)
		if rs := []rune(name); len(rs) > 30 {
			name = "…" + string(rs[len(rs)-29:])
		}
		fmt.Fprintf(p.w, "\r\033[K[%s%s] %s %s", strings.Repeat("#", n), strings.Repeat(".", width-n), p.status(done, total), name)
		p.active = true
		return
	}
	// a line as the first file is done (a short run shows one too), then
	// one every few seconds
	if t := p.now(); (done == 1 || t.Sub(p.last) >= p.every) && done < total {
		p.last = t
		fmt.Fprintf(p.w, "qcweave: %s\n", p.status(done, total))
	}
}

// pages is called as OCR reads each page of a scan (from the reading
// goroutines of any file): on a terminal the bar shows the pages read;
// otherwise a plain line tells them every few seconds.
func (p *progress) pages(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.level < normal || total == 0 {
		return
	}
	if p.tty {
		line := fmt.Sprintf("OCR: page %d/%d", done, total)
		if p.total > 0 {
			line = p.status(p.done, p.total) + ", " + line
		}
		fmt.Fprintf(p.w, "\r\033[K%s", line)
		p.active = true
		return
	}
	if t := p.now(); (done == 1 || t.Sub(p.last) >= p.every) && done < total {
		p.last = t
		fmt.Fprintf(p.w, "qcweave: OCR read %d/%d pages of a scan\n", done, total)
	}
}

// clear removes the bar before another line is written.
func (p *progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.active {
		fmt.Fprint(p.w, "\r\033[K")
		p.active = false
	}
}
