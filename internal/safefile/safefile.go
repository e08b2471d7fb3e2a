// Package safefile opens the files a repository controls for reading
// without letting the repository point envlint elsewhere: a pull request
// can commit a symbolic link to /proc/self/environ, to .git/config (which
// holds the checkout token in CI) or to a FIFO that blocks forever, and
// envlint must read none of them.
//
// The rule: a name that lies inside the repository must resolve, after
// symbolic links, to a file inside it and outside its .git directory; and
// whatever a name resolves to must be a regular file. A name outside the
// repository (an absolute path typed on the command line) is the caller's
// choice and is only held to the second half.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

var (
	// ErrOutside is returned for a name inside the repository that
	// resolves outside it, or into its .git directory.
	ErrOutside = errors.New("it is a symbolic link that leads out of the repository")
	// ErrNotRegular is returned for a directory, device, FIFO or socket.
	ErrNotRegular = errors.New("not a regular file")
	// ErrEscapes is returned by Rel for a path that leaves the repository.
	ErrEscapes = errors.New("the path leaves the repository")
)

// TooLargeError is returned by Read for a file over the limit.
type TooLargeError struct{ Size, Max int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("it is over envlint's %d MiB limit per file", e.Max>>20)
}

// Open opens name for reading; a relative name is relative to root. Errors
// are *fs.PathError values carrying name as given, so that messages can
// name the file the way the user does.
func Open(root, name string) (*os.File, error) {
	abs := name
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(root, abs)
	}
	fail := func(err error) (*os.File, error) { return nil, &fs.PathError{Op: "open", Path: name, Err: err} }
	resolved, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return fail(unwrap(err))
	}
	if root != "" {
		r, err := filepath.EvalSymlinks(root)
		if err != nil {
			return fail(unwrap(err))
		}
		if Inside(filepath.Clean(root), abs) || Inside(r, abs) {
			if !Inside(r, resolved) || Inside(filepath.Join(r, ".git"), resolved) {
				return fail(ErrOutside)
			}
		}
	}
	f, err := openNonblock(resolved)
	if err != nil {
		return fail(unwrap(err))
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return fail(unwrap(err))
	}
	if !fi.Mode().IsRegular() || pseudo(f) {
		f.Close()
		return fail(ErrNotRegular)
	}
	return f, nil
}

// Read reads name as Open opens it, up to max bytes; a larger file is a
// *TooLargeError (wrapped in an *fs.PathError) and is not read further.
func Read(root, name string, max int64) ([]byte, error) {
	f, err := Open(root, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > max {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &TooLargeError{Size: fi.Size(), Max: max}}
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: unwrap(err)}
	}
	if int64(len(data)) > max {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &TooLargeError{Size: int64(len(data)), Max: max}}
	}
	return data, nil
}

// Rel checks a path written in a file the repository controls (such as
// .envlint.yaml): it must be relative and stay inside the repository. It
// returns the path cleaned, with forward slashes.
func Rel(name string) (string, error) {
	slash := filepath.ToSlash(name)
	if filepath.IsAbs(name) || strings.HasPrefix(slash, "/") || filepath.VolumeName(name) != "" {
		return "", ErrEscapes
	}
	clean := filepath.ToSlash(filepath.Clean(name))
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return "", ErrEscapes
	}
	return clean, nil
}

// Inside reports whether path is dir or lies below it. Both must be clean
// and absolute.
func Inside(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	if err != nil || filepath.IsAbs(rel) {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
