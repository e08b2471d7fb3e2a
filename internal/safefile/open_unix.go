//go:build unix

package safefile

import (
	"os"
	"syscall"
)

// openNonblock opens without blocking: opening a FIFO for reading waits for
// a writer otherwise, before Stat could tell that it is no regular file.
func openNonblock(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
