// Package atomicfile replaces files so that a reader, or a crash, sees
// either the old content or the new one, never a mix: the data goes to a
// temporary file in the same directory, which is synced and then renamed
// over the target.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// WriteFile replaces the file name with data. An existing file keeps its
// permission bits; a new one gets perm. When name is a symbolic link, the
// file it points to is replaced and the link is kept.
//
// root, when not empty, is the directory the write must stay inside: a
// name, or a link target, outside it is refused. Both are compared after
// resolving symbolic links.
//
// On any error the target is left as it was and the temporary file is
// removed.
func WriteFile(root, name string, data []byte, perm fs.FileMode) error {
	return writeFile(root, name, data, perm, nil)
}

// writeFile is WriteFile with a hook that wraps the temporary file's
// writer, so tests can make the write fail half-way.
func writeFile(root, name string, data []byte, perm fs.FileMode, wrap func(io.Writer) io.Writer) error {
	target, err := resolve(root, name)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(target); err == nil {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("cannot write %s: not a regular file", name)
		}
		perm = fi.Mode().Perm()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dir, base := filepath.Split(target)
	tmp, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return err
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
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	// CreateTemp makes the file 0600; Chmod rather than the umask decides
	// the final mode, so that an edited file keeps exactly its own.
	if err := tmp.Chmod(perm); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	done = true
	return syncDir(dir)
}

// resolve returns the path to write: name with symbolic links followed,
// checked against root.
func resolve(root, name string) (string, error) {
	target := name
	if t, err := filepath.EvalSymlinks(name); err == nil {
		target = t
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	} else if fi, lerr := os.Lstat(name); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// A dangling link: writing through it would create a file wherever
		// it points.
		return "", fmt.Errorf("cannot write %s: it is a symbolic link to a missing file", name)
	} else {
		// A new file: its directory must exist and be inside root.
		d, err := filepath.EvalSymlinks(filepath.Dir(name))
		if err != nil {
			return "", err
		}
		target = filepath.Join(d, filepath.Base(name))
	}
	if root == "" {
		return target, nil
	}
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(r, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", fmt.Errorf("refusing to write %s: it resolves to %s, outside the repository %s", name, target, r)
	}
	return target, nil
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
