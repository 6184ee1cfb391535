package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// run is one measured command.
type run struct {
	wall    time.Duration
	cpu     time.Duration // user and system time of the process and the children it waited for
	peakMB  int           // the largest resident size of the process tree at once, or of one of its processes (VmHWM), whichever is larger
	code    int           // exit code; -1 when killed
	stderr  string
	stdout  string
	timeout bool
}

// measure runs argv with env added, killing it after limit, and samples the
// resident memory of it and its children every 20 ms.
func measure(ctx context.Context, limit time.Duration, env []string, argv ...string) (run, error) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return run{}, err
	}
	done := make(chan struct{})
	peak := make(chan int)
	go func() {
		max := 0
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			sum, hwm := treeRSS(cmd.Process.Pid)
			max = maxOf(max, sum, hwm)
			select {
			case <-done:
				peak <- max
				return
			case <-t.C:
			}
		}
	}()
	err := cmd.Wait()
	r := run{wall: time.Since(start), stderr: errb.String(), stdout: out.String(), timeout: ctx.Err() != nil}
	close(done)
	r.peakMB = <-peak / 1024
	r.code = cmd.ProcessState.ExitCode()
	r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if _, ok := err.(*exec.ExitError); err != nil && !ok && !r.timeout {
		return r, err // a run killed at its limit is a result, not an error
	}
	return r, nil
}

// treeRSS returns the resident size in KB of pid and all its descendants
// together, and the largest peak (VmHWM) of any one of them. The rusage of
// a finished child is no use here: on Linux a child's maximum RSS counts
// the parent's pages it held between fork and exec.
func treeRSS(pid int) (sum, hwm int) {
	children := map[int][]int{}
	rss := map[int]int{}
	procs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range procs {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ... ; comm may hold spaces: split after the last ')'
		s := string(b)
		i := strings.LastIndexByte(s, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(s[i+1:])
		if len(f) < 22 {
			continue
		}
		id, _ := strconv.Atoi(strings.Fields(s[:i])[0])
		ppid, _ := strconv.Atoi(f[1])
		pages, _ := strconv.Atoi(f[21])
		children[ppid] = append(children[ppid], id)
		rss[id] = pages * os.Getpagesize() / 1024
	}
	stack := []int{pid}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		sum += rss[p]
		hwm = maxOf(hwm, peakOf(p))
		stack = append(stack, children[p]...)
	}
	return sum, hwm
}

// peakOf is the VmHWM of a process in KB, 0 when it has gone.
func peakOf(pid int) int {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return kb
		}
	}
	return 0
}

func maxOf(xs ...int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
