package rlimit

import (
	"fmt"
	"os/exec"
	"runtime"
	"testing"
)

// A program that asks for more than its bound fails; within it, it runs.
func TestBound(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("limits are set on Linux only")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	grab := func(mb int) *exec.Cmd {
		return exec.Command(py, "-c", fmt.Sprintf("b = bytearray(1 << 20) * %d; print(len(b))", mb))
	}
	if _, err := Output(grab(16), 512<<20); err != nil {
		t.Errorf("16 MB under a 512 MB bound: %v", err)
	}
	if _, err := Output(grab(1024), 512<<20); err == nil {
		t.Error("1 GB under a 512 MB bound ran")
	}
}
