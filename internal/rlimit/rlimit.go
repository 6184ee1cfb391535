// Package rlimit runs external programs (poppler's tools, tesseract) with
// a bound on their address space, so that a hostile file they are given
// makes them fail instead of taking the machine's memory.
package rlimit

import (
	"bytes"
	"fmt"
	"os/exec"
)

// Memory is the address space an external reader may use: poppler and
// tesseract read a page in well under a quarter of it.
const Memory = 1 << 30

// Run runs cmd to completion, bounded to limit bytes of address space.
func Run(cmd *exec.Cmd, limit uint64) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	bound(cmd.Process.Pid, limit)
	return cmd.Wait()
}

// Output runs cmd like Run and returns its standard output. On failure
// the error carries the first line the program wrote to standard error.
func Output(cmd *exec.Cmd, limit uint64) ([]byte, error) {
	var out, errb bytes.Buffer
	cmd.Stdout = &out
	if cmd.Stderr == nil {
		cmd.Stderr = &errb
	}
	if err := Run(cmd, limit); err != nil {
		if line, _, _ := bytes.Cut(bytes.TrimSpace(errb.Bytes()), []byte("\n")); len(line) > 0 {
			return out.Bytes(), fmt.Errorf("%w: %s", err, line)
		}
		return out.Bytes(), err
	}
	return out.Bytes(), nil
}
