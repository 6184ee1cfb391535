package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"qcweave/pipeline"
)

// progress tells how an ingest goes on stderr: on a terminal a bar
// redrawn in place; otherwise (a log, a pipe) a plain line every few
// seconds. Both give files done of the total, failures, the rate and the
// time left. Quiet runs show nothing.
type progress struct {
	w     io.Writer
	tty   bool
	level verbosity
	now   func() time.Time
	// every is the time between two plain lines.
	every       time.Duration
	start, last time.Time
	failed      int
	active      bool
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
	if r.Status == pipeline.Failed {
		p.failed++
	}
	if p.level < normal || total == 0 {
		return
	}
	if p.tty {
		const width = 24
		n := done * width / total
		name := r.Path
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

// clear removes the bar before another line is written.
func (p *progress) clear() {
	if p.active {
		fmt.Fprint(p.w, "\r\033[K")
		p.active = false
	}
}
