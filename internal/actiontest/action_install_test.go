// Package actiontest runs the GitHub Action's install script,
// scripts/action-install.sh, end to end against release files built here:
// an archive and a checksums file named as GoReleaser names them, served
// from a file:// URL, so no network is used.
package actiontest

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const version = "v9.9.9-test"

// release is a directory laid out like a GitHub release download URL:
// <base>/<version>/<files>.
type release struct {
	base, dir string
	archive   string
}

// stub stands in for the envlint binary in the archive: the script's job is
// to fetch, verify, extract and run what the release holds, and a stub keeps
// the test free of a second Go build. make release-check runs the script on
// GoReleaser's real snapshot archives.
const stub = "#!/bin/sh\necho \"envlint " + version + " (commit stub, built stub)\"\n"

// build packs a release as GoReleaser does, in a fresh directory.
func build(t *testing.T) *release {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the archive test packs tar.gz; the script's zip path runs on Windows runners")
	}
	for _, tool := range []string{"bash", "curl", "tar", "awk"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s not found", tool)
			}
			t.Skipf("%s not found", tool)
		}
	}
	base := t.TempDir()
	dir := filepath.Join(base, version)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "envlint")
	if err := os.WriteFile(bin, []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
	num := strings.TrimPrefix(version, "v")
	r := &release{base: base, dir: dir, archive: fmt.Sprintf("envlint_%s_%s_%s.tar.gz", num, runtime.GOOS, runtime.GOARCH)}
	writeTarGz(t, filepath.Join(dir, r.archive), map[string]string{"envlint": bin, "LICENSE": "../../LICENSE"})
	// Another platform's archive, so the script has to pick its own line.
	other := fmt.Sprintf("envlint_%s_windows_amd64.zip", num)
	if err := os.WriteFile(filepath.Join(dir, other), []byte("not this one"), 0o644); err != nil {
		t.Fatal(err)
	}
	r.writeSums(t, other, r.archive)
	return r
}

func writeTarGz(t *testing.T, dst string, files map[string]string) {
	t.Helper()
	f, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	for name, src := range files {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(data))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []interface{ Close() error }{tw, gz, f} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// writeSums writes the checksums file for names, in sha256sum's format.
func (r *release) writeSums(t *testing.T, names ...string) {
	t.Helper()
	var b strings.Builder
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(r.dir, n))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), n)
	}
	name := fmt.Sprintf("envlint_%s_checksums.txt", strings.TrimPrefix(version, "v"))
	if err := os.WriteFile(filepath.Join(r.dir, name), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runner is one job's environment: its own cache, install and temp dirs.
type runner struct {
	cache, install, path, output string
}

func newRunner(t *testing.T) *runner {
	d := t.TempDir()
	return &runner{cache: filepath.Join(d, "cache"), install: filepath.Join(d, "bin"),
		path: filepath.Join(d, "github_path"), output: filepath.Join(d, "github_output")}
}

// install runs the script as action.yml does; it returns the output.
func (r *release) install(t *testing.T, run *runner, ver string, env ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("bash", "../../scripts/action-install.sh", ver)
	cmd.Env = append(os.Environ(),
		"ENVLINT_BASE_URL=file://"+filepath.ToSlash(r.base),
		"ENVLINT_CACHE_DIR="+run.cache, "ENVLINT_INSTALL_DIR="+run.install,
		"GITHUB_PATH="+run.path, "GITHUB_OUTPUT="+run.output,
		"RUNNER_OS=", "RUNNER_ARCH=")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestInstall_DownloadsVerifiesCachesAndRuns(t *testing.T) {
	r := build(t)
	run := newRunner(t)
	out, err := r.install(t, run, version)
	if err != nil {
		t.Fatalf("install: %v\n%s", err, out)
	}
	if !strings.Contains(out, "downloaded "+r.archive+", checksum verified") {
		t.Errorf("output does not say the download was verified:\n%s", out)
	}
	// The installed binary is the one we packed, and later steps find it.
	got, err := exec.Command(filepath.Join(run.install, "envlint"), "--version").Output()
	if err != nil || !strings.HasPrefix(string(got), "envlint "+version+" ") {
		t.Errorf("installed envlint --version = %q, %v", got, err)
	}
	if p, _ := os.ReadFile(run.path); strings.TrimSpace(string(p)) != run.install {
		t.Errorf("GITHUB_PATH = %q, want %q", p, run.install)
	}
	if o, _ := os.ReadFile(run.output); !strings.Contains(string(o), "version="+version+"\n") ||
		!strings.Contains(string(o), "path="+filepath.Join(run.install, "envlint")+"\n") {
		t.Errorf("GITHUB_OUTPUT = %q", o)
	}

	// A second job with the same cache does not download the archive: it
	// is gone from the server, only the checksums file is left.
	if err := os.Remove(filepath.Join(r.dir, r.archive)); err != nil {
		t.Fatal(err)
	}
	run2 := &runner{cache: run.cache, install: t.TempDir(), path: run.path, output: run.output}
	out, err = r.install(t, run2, version)
	if err != nil || !strings.Contains(out, "from the cache, checksum verified") {
		t.Fatalf("cached install: %v\n%s", err, out)
	}

	// A tampered cache is not used: with no archive to download again, the
	// install fails.
	if err := os.WriteFile(filepath.Join(run.cache, r.archive), []byte("tampered"), 0o644); err != nil {
		t.Fatal(err)
	}
	run3 := &runner{cache: run.cache, install: filepath.Join(t.TempDir(), "bin"), path: run.path, output: run.output}
	out, err = r.install(t, run3, version)
	if err == nil || !strings.Contains(out, "does not match") {
		t.Errorf("tampered cache: err = %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(run3.install, "envlint")); err == nil {
		t.Errorf("a binary was installed from a tampered cache")
	}
}

func TestInstall_Refuses(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, r *release)
		version string
		env     []string
		want    string
	}{
		{
			name: "archive that does not match its checksum",
			prepare: func(t *testing.T, r *release) {
				f, err := os.OpenFile(filepath.Join(r.dir, r.archive), os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				f.Write([]byte("x"))
				f.Close()
			},
			version: version, want: "checksum mismatch for envlint_",
		},
		{
			name: "checksums file without our archive",
			prepare: func(t *testing.T, r *release) {
				r.writeSums(t, fmt.Sprintf("envlint_%s_windows_amd64.zip", strings.TrimPrefix(version, "v")))
			},
			version: version, want: "has no checksum for envlint_",
		},
		{name: "a version that is not a tag", version: "latest", want: "version must be a release tag"},
		{name: "a release that does not exist", version: "v0.0.1", want: "cannot download file://"},
		{name: "an architecture with no release", version: version, env: []string{"RUNNER_ARCH=PPC64"}, want: "no envlint release for the architecture 'PPC64'"},
		{name: "an operating system with no release", version: version, env: []string{"RUNNER_OS=Plan9"}, want: "no envlint release for the operating system 'Plan9'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := build(t)
			if tc.prepare != nil {
				tc.prepare(t, r)
			}
			run := newRunner(t)
			out, err := r.install(t, run, tc.version, tc.env...)
			if err == nil {
				t.Fatalf("install succeeded:\n%s", out)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, out)
			}
			if _, err := os.Stat(filepath.Join(run.install, "envlint")); err == nil {
				t.Errorf("a binary was installed")
			}
		})
	}
}
