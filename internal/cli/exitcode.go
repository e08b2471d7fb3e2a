package cli

import (
	"errors"
	"fmt"
)

// Exit statuses, as documented in --help and the README.
const (
	ExitOK       = 0 // no finding at or above --fail-on
	ExitFindings = 1 // findings at or above --fail-on, or a --check/--dry-run that would change a file
	ExitError    = 2 // the run itself could not be done
)

// FlagError is a usage mistake: it is printed with a hint to --help.
type FlagError struct{ err error }

func (e *FlagError) Error() string { return e.err.Error() }
func (e *FlagError) Unwrap() error { return e.err }

func flagErrorf(format string, args ...any) error {
	return &FlagError{fmt.Errorf(format, args...)}
}

// errFindings makes a command exit 1 without printing anything more: it
// has already reported what it found.
var errFindings = errors.New("findings")
