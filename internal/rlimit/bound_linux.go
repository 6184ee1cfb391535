package rlimit

import "golang.org/x/sys/unix"

// bound sets the address-space limit of a started process. The program is
// still loading when this runs: its reading has not begun.
func bound(pid int, limit uint64) {
	_ = unix.Prlimit(pid, unix.RLIMIT_AS, &unix.Rlimit{Cur: limit, Max: limit}, nil) // best effort: the process may have exited already
}
