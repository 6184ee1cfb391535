//go:build !unix

package formats

import "runtime/debug"

func limitMemory() { debug.SetMemoryLimit(1 << 30) }
