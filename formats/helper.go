package formats

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"

	"qcweave/formats/pdfload"
)

// The PDF helper protocol: the parent writes a request — the file's length
// as 8 bytes big-endian, then its bytes — and the helper answers with one
// helperResult on a gob stream that lives as long as the helper. A helper
// serves requests until its stdin closes; the parent kills one that
// overruns its deadline or dies, and starts another for the next file.

// ServePDFHelper answers PDF requests from r on w until r ends. It bounds
// the process's memory first.
func ServePDFHelper(r io.Reader, w io.Writer) error {
	limitMemory()
	in := bufio.NewReader(r)
	out := bufio.NewWriter(w)
	enc := gob.NewEncoder(out)
	for {
		var n uint64
		if err := binary.Read(in, binary.BigEndian, &n); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("read request: %w", err)
		}
		if n > maxPDFSize {
			return fmt.Errorf("request of %d bytes is too large", n)
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(in, b); err != nil {
			return fmt.Errorf("read request: %w", err)
		}
		if err := enc.Encode(serveOne(b)); err != nil {
			return err
		}
		if err := out.Flush(); err != nil {
			return err
		}
		// an idle helper holds no more than it needs: after a file that
		// took much memory, the pages go back to the system at once
		b = nil
		if retained() > 64<<20 {
			debug.FreeOSMemory()
		}
	}
}

// retained is the heap memory the helper holds but does not use.
func retained() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/free:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	metrics.Read(s)
	var n uint64
	for _, x := range s {
		if x.Value.Kind() == metrics.KindUint64 {
			n += x.Value.Uint64()
		}
	}
	return n
}

func serveOne(b []byte) helperResult {
	var out helperResult
	res, err := pdfload.Read(b)
	if err != nil {
		out.Error, out.Sentinel = err.Error(), sentinelOf(err)
		return out
	}
	out.Pages, out.Quality, out.Lines, out.PageSizes, out.PageStats = res.Pages, res.Quality, res.Lines, res.PageSizes, res.PageStats
	return out
}

// helperProc is one running helper.
type helperProc struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	dec    *gob.Decoder
	stderr *tailBuffer
}

// helperPool keeps idle helpers for reuse.
type helperPool struct {
	mu   sync.Mutex
	idle []*helperProc
}

func startHelper(argv []string) (*helperProc, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	tb := &tailBuffer{}
	cmd.Stderr = tb
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start PDF reader: %w", err)
	}
	return &helperProc{cmd: cmd, stdin: stdin, dec: gob.NewDecoder(bufio.NewReaderSize(stdout, 1<<16)), stderr: tb}, nil
}

func (p *helperProc) kill() {
	p.stdin.Close()
	if p.cmd.Process != nil {
		p.cmd.Process.Kill()
	}
	p.cmd.Wait()
}

func (pool *helperPool) get(argv []string) (*helperProc, error) {
	pool.mu.Lock()
	if n := len(pool.idle); n > 0 {
		p := pool.idle[n-1]
		pool.idle = pool.idle[:n-1]
		pool.mu.Unlock()
		return p, nil
	}
	pool.mu.Unlock()
	return startHelper(argv)
}

func (pool *helperPool) put(p *helperProc) {
	pool.mu.Lock()
	defer pool.mu.Unlock()
	pool.idle = append(pool.idle, p)
}

// close ends every idle helper.
func (pool *helperPool) close() {
	pool.mu.Lock()
	idle := pool.idle
	pool.idle = nil
	pool.mu.Unlock()
	for _, p := range idle {
		p.stdin.Close()
		done := make(chan struct{})
		go func() { p.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(time.Second):
			if p.cmd.Process != nil {
				p.cmd.Process.Kill() // the waiting goroutine reaps it
			}
			<-done
		}
	}
}

// request sends one PDF to a helper and waits for the answer or the
// deadline; a helper that fails or overruns is killed, not reused.
func (pool *helperPool) request(ctx context.Context, argv []string, b []byte) (helperResult, error) {
	p, err := pool.get(argv)
	if err != nil {
		return helperResult{}, err
	}
	type answer struct {
		res helperResult
		err error
	}
	ch := make(chan answer, 1)
	go func() {
		var hdr [8]byte
		binary.BigEndian.PutUint64(hdr[:], uint64(len(b)))
		if _, err := p.stdin.Write(append(hdr[:], b...)); err != nil {
			ch <- answer{err: err}
			return
		}
		var res helperResult
		err := p.dec.Decode(&res)
		ch <- answer{res: res, err: err}
	}()
	select {
	case a := <-ch:
		if a.err != nil {
			p.kill()
			reason := p.stderr.lastLine()
			if reason == "" {
				reason = a.err.Error()
			}
			return helperResult{}, fmt.Errorf("PDF reader crashed: %s", reason)
		}
		pool.put(p)
		return a.res, nil
	case <-ctx.Done():
		p.kill()
		return helperResult{}, ctx.Err()
	}
}

// tailBuffer keeps the last few KiB written to it (a helper's stderr).
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
}

// Write keeps p, dropping the oldest bytes beyond a few KiB.
func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > 8192 {
		t.buf = append([]byte(nil), t.buf[len(t.buf)-4096:]...)
	}
	return len(p), nil
}

// lastLine returns the first line of the last error report: Go's runtime
// writes "fatal error: …" or "panic: …" before the stack.
func (t *tailBuffer) lastLine() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, marker := range []string{"fatal error: ", "panic: ", "runtime: "} {
		if i := bytes.LastIndex(t.buf, []byte(marker)); i >= 0 {
			line := t.buf[i:]
			if j := bytes.IndexByte(line, '\n'); j >= 0 {
				line = line[:j]
			}
			return string(line)
		}
	}
	return lastLine(string(t.buf))
}
