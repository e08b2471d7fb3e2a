package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

// changes is what changed since a git revision: lines per file (new-side
// numbers), and files that are entirely new.
type changes struct {
	lines map[string]map[int]bool
	whole map[string]bool
}

func (c *changes) touched(p lint.Pos) bool {
	return c.whole[p.File] || c.lines[p.File][p.Line]
}

var hunkHeader = regexp.MustCompile(`^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@`)

// gitChanges asks git what changed in dir since rev, uncommitted and
// untracked files included, with paths relative to dir.
//
// The revision comes from a flag a workflow may fill from pull-request data:
// it is resolved to a commit id first, after --end-of-options, so that a
// value like --output=F is never read as a git option (#15).
func gitChanges(dir, rev string) (*changes, error) {
	id, err := git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil || len(bytes.TrimSpace(id)) == 0 {
		return nil, &runError{fmt.Sprintf("--new-from-rev %s: not a commit in this repository", rev)}
	}
	out, err := git(dir, "diff", "--relative", "--no-color", "--no-ext-diff", "--no-textconv",
		"--unified=0", "--end-of-options", string(bytes.TrimSpace(id)), "--")
	if err != nil {
		return nil, &runError{fmt.Sprintf("--new-from-rev %s: %v", rev, err)}
	}
	c := &changes{lines: map[string]map[int]bool{}, whole: map[string]bool{}}
	var file string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			file = strings.TrimPrefix(strings.TrimPrefix(line, "+++ "), "b/")
			if c.lines[file] == nil {
				c.lines[file] = map[int]bool{}
			}
		case strings.HasPrefix(line, "@@"):
			m := hunkHeader.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			start, _ := strconv.Atoi(m[1])
			n := 1
			if m[2] != "" {
				n, _ = strconv.Atoi(m[2])
			}
			for i := start; i < start+n; i++ {
				c.lines[file][i] = true
			}
		}
	}
	untracked, err := git(dir, "ls-files", "--others", "--exclude-standard")
	if err != nil {
		return nil, &runError{fmt.Sprintf("--new-from-rev %s: %v", rev, err)}
	}
	for _, f := range strings.Split(strings.TrimSpace(string(untracked)), "\n") {
		if f != "" {
			c.whole[f] = true
		}
	}
	return c, nil
}

func git(dir string, args ...string) ([]byte, error) {
	// Paths unquoted, as envlint names them.
	cmd := exec.Command("git", append([]string{"-c", "core.quotePath=false"}, args...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", args[0], msg)
	}
	return out, nil
}

// newSince keeps the findings on lines that changed, and on keys that
// changed in any layer of their component: renaming a field in Go makes the
// now-undocumented key a new finding even though the example did not change.
func (p *project) newSince(fs []lint.Finding, c *changes) []lint.Finding {
	changedKeys := map[string]bool{} // component + "\x00" + key
	for _, comp := range p.components {
		mark := func(name string, pos lint.Pos) {
			if c.touched(pos) {
				changedKeys[comp.Name+"\x00"+name] = true
			}
		}
		for _, ex := range comp.Examples {
			for _, e := range ex.Entries {
				mark(e.Name, e.Pos)
			}
		}
		for _, t := range comp.Templates {
			for _, k := range t.Keys {
				mark(k.Name, k.Pos)
			}
		}
		if comp.Config != nil {
			for _, k := range comp.Config.Keys {
				for _, n := range k.Names() {
					mark(n, k.Pos)
				}
			}
		}
	}
	var kept []lint.Finding
	for _, f := range fs {
		if c.touched(f.Pos) || (f.Key != "" && changedKeys[f.Component+"\x00"+f.Key]) {
			kept = append(kept, f)
		}
	}
	return kept
}
