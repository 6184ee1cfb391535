//go:build !unix

package formats

import "runtime/debug"

func limitMemory() {
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(1 << 30)
}
