package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/envlint/envlint/internal/safefile"
)

// repoFile checks a file that .envlint.yaml names: a path inside the
// repository, to a regular file that envlint can open. It returns the path
// cleaned, and an error fit for a message after the path.
func repoFile(root, name string) (string, error) {
	rel, err := safefile.Rel(name)
	if err != nil {
		return cleanRel(name), err
	}
	f, err := safefile.Open(root, filepath.FromSlash(rel))
	if err != nil {
		return rel, unwrapPathError(err)
	}
	f.Close()
	return rel, nil
}

// readRepoFile reads a file named on the command line for comparison
// (docs --check, manifest --check, a baseline): relative to the -C
// directory, and never through a link out of the repository.
func readRepoFile(root, name string) ([]byte, error) {
	return safefile.Read(root, name, maxFileSize)
}

// listError says which directory could not be listed, relative to the
// root, never as the absolute path the os error carries.
func listError(root string, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		rel, rerr := filepath.Rel(root, pe.Path)
		if rerr != nil || strings.HasPrefix(rel, "..") {
			rel = filepath.Base(pe.Path)
		}
		return fmt.Sprintf("cannot list directory %s: %v; fix its permissions, or list the files to check in .envlint.yaml", filepath.ToSlash(rel), pe.Err)
	}
	return fmt.Sprintf("cannot list the repository: %v", err)
}
