// Package atomicfile replaces files so that a reader, or a crash, sees
// either the old content or the new one, never a mix: the data goes to a
// temporary file in the same directory, which is synced and then renamed
// over the target.
package atomicfile

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/envlint/envlint/internal/safefile"
)

// The reasons a write is refused, wrapped in an *fs.PathError naming the
// file as the caller did.
var (
	ErrSymlink  = errors.New("it is a symbolic link; envlint does not write through links")
	ErrOutside  = errors.New("it is outside the repository")
	ErrReadOnly = errors.New("it is read-only; make it writable first")
	ErrNotFile  = errors.New("not a regular file")
	// ErrChanged is returned by Replace when the file no longer holds what
	// the caller read.
	ErrChanged = errors.New("it changed while envlint was working on it (another run?); run envlint again")
)

// WriteFile replaces the file name with data. An existing file keeps its
// permission bits; a new one gets perm. A relative name is relative to
// root, the repository the write must stay inside.
//
// It refuses a name that is a symbolic link, a read-only file, anything
// but a regular file, and a name outside root (after resolving the links
// of its directories). Missing directories are created, only once their
// nearest existing ancestor is known to lie inside root.
//
// On any error the target is left as it was and the temporary file is
// removed.
func WriteFile(root, name string, data []byte, perm fs.FileMode) error {
	return writeFile(root, name, nil, data, perm, nil)
}

// Replace is WriteFile for an edit of a file the caller has read: under an
// advisory lock on the file, it checks that the file still holds old and
// returns ErrChanged if not, so that two concurrent runs never apply the
// same edit twice. old is nil for a file that did not exist.
func Replace(root, name string, old, data []byte) error {
	if old == nil {
		old = []byte{}
	}
	return writeFile(root, name, old, data, 0o644, nil)
}

// writeFile is WriteFile and Replace, with a hook that wraps the temporary
// file's writer so tests can make the write fail half-way.
func writeFile(root, name string, old, data []byte, perm fs.FileMode, wrap func(io.Writer) io.Writer) error {
	fail := func(err error) error { return &fs.PathError{Op: "write", Path: name, Err: err} }
	target, missing, exists, err := resolve(root, name)
	if err != nil {
		return fail(err)
	}
	dir := filepath.Dir(target)
	if err := mkdirs(dir, missing); err != nil {
		return fail(err)
	}
	if exists {
		fi, err := os.Stat(target)
		if err != nil {
			return fail(err)
		}
		perm = fi.Mode().Perm()
		unlock, err := lock(target)
		if err != nil {
			return fail(err)
		}
		defer unlock()
	}
	if old != nil {
		cur, err := os.ReadFile(target)
		if errors.Is(err, fs.ErrNotExist) {
			cur, err = nil, nil
		}
		if err != nil {
			return fail(err)
		}
		if !bytes.Equal(cur, old) {
			return fail(ErrChanged)
		}
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".tmp*")
	if err != nil {
		return fail(err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	var w io.Writer = tmp
	if wrap != nil {
		w = wrap(tmp)
	}
	if _, err := w.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	// CreateTemp makes the file 0600; Chmod rather than the umask decides
	// the final mode, so that an edited file keeps exactly its own.
	if err := tmp.Chmod(perm); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fail(err)
	}
	done = true
	return syncDir(dir)
}

// resolve returns the path to write, the directories to create below the
// nearest existing one (outermost first), and whether the file exists.
func resolve(root, name string) (target string, missing []string, exists bool, err error) {
	if root == "" {
		return "", nil, false, errors.New("no repository to write in")
	}
	abs := name
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(root, abs)
	}
	abs = filepath.Clean(abs)
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", nil, false, err
	}
	if !safefile.Inside(filepath.Clean(root), abs) && !safefile.Inside(r, abs) {
		return "", nil, false, ErrOutside
	}
	fi, err := os.Lstat(abs)
	switch {
	case err == nil && fi.Mode()&fs.ModeSymlink != 0:
		return "", nil, false, ErrSymlink
	case err == nil && !fi.Mode().IsRegular():
		return "", nil, false, ErrNotFile
	case err == nil && fi.Mode().Perm()&0o222 == 0:
		return "", nil, false, ErrReadOnly
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return "", nil, false, err
	}
	exists = err == nil
	// The directory, with its links resolved, must be inside the root and
	// outside .git: a committed link docs -> /home/runner would otherwise
	// redirect the write.
	dir := filepath.Dir(abs)
	var resolved string
	for {
		d, err := filepath.EvalSymlinks(dir)
		if err == nil {
			resolved = d
			break
		}
		if !errors.Is(err, fs.ErrNotExist) || filepath.Dir(dir) == dir {
			return "", nil, false, err
		}
		missing = append([]string{filepath.Base(dir)}, missing...)
		dir = filepath.Dir(dir)
	}
	if !safefile.Inside(r, resolved) || safefile.Inside(filepath.Join(r, ".git"), resolved) {
		return "", nil, false, ErrOutside
	}
	return filepath.Join(append(append([]string{resolved}, missing...), filepath.Base(abs))...), missing, exists, nil
}

// mkdirs creates the missing directories at the end of dir, outermost
// first, each with Mkdir so that none is created through a link.
func mkdirs(dir string, missing []string) error {
	base := dir
	for range missing {
		base = filepath.Dir(base)
	}
	for _, m := range missing {
		base = filepath.Join(base, m)
		if err := os.Mkdir(base, 0o755); err != nil {
			return err
		}
	}
	return nil
}

// syncDir makes the rename durable. Windows cannot sync a directory, and
// there the rename is as durable as NTFS makes it.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	if dir == "" {
		dir = "."
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	return nil
}
