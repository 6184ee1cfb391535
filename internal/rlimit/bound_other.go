//go:build !linux

package rlimit

// bound does nothing where a running process's limits cannot be set.
func bound(int, uint64) {}
