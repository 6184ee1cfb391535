// Package filemode names, for messages, what a path that is no regular
// file is.
package filemode

import "io/fs"

// Kind names the kind of file m describes when it is no regular file: "a
// symbolic link", "a folder", "a character device", "a block device", "a
// FIFO", "a socket", or "a special file".
func Kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}
