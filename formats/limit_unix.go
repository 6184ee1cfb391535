//go:build unix

package formats

import (
	"runtime/debug"
	"syscall"
)

// helperMemory bounds the PDF helper process: a malformed file that asks
// for a huge allocation kills the helper, not the batch.
const helperMemory = 2 << 30

func limitMemory() {
	// parsing allocates many short-lived objects: collect less often, within
	// a soft limit
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(helperMemory / 8)
	lim := &syscall.Rlimit{Cur: 3 * helperMemory, Max: 3 * helperMemory}
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, lim) // best effort: a soft limit remains
}
