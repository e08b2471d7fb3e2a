//go:build unix && !solaris && !aix && !illumos

package atomicfile

import (
	"os"
	"syscall"
)

// lock takes an exclusive advisory lock on the file, waiting for another
// envlint run that holds it.
func lock(name string) (unlock func(), err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}
