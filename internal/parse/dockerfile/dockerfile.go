// Package dockerfile reads Dockerfiles with BuildKit's own parser and
// instruction decoder (github.com/moby/buildkit/frontend/dockerfile), so
// that stages, ARG scoping, ENV forms and variable expansion mean what they
// mean to `docker build`. Nothing is built or run.
package dockerfile

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/envlint/envlint/internal/lint"
)

// Parse reads one Dockerfile. The result has one target, the image the
// last stage builds: its Keys are the ENV that image carries (inherited
// from the stages it builds on), its BuildArgs every ARG of every stage.
// A Dockerfile BuildKit rejects has one error and no target.
func Parse(file string, data []byte) (out *lint.DeployFile) {
	out = &lint.DeployFile{File: file, Kind: lint.DeployDockerfile}
	defer func() {
		// BuildKit's decoder is not written for hostile input; a panic in
		// it is this file's problem, never the run's.
		if r := recover(); r != nil {
			out.Targets = nil
			out.Errors = []lint.Problem{{Pos: lint.Pos{File: file, Line: 1}, Msg: "BuildKit's parser failed on " + file}}
		}
	}()
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		out.Errors = append(out.Errors, problem(file, err))
		return out
	}
	stages, metaArgs, err := instructions.Parse(res.AST, nil)
	if err != nil {
		out.Errors = append(out.Errors, problem(file, err))
		return out
	}
	r := &reader{file: file, lines: strings.Split(string(data), "\n"), lex: shell.NewLex(res.EscapeToken)}
	global := map[string]bool{} // global ARG name -> has default
	var globals []*lint.BuildArg
	for _, a := range metaArgs {
		for _, kv := range a.Args {
			global[kv.Key] = kv.Value != nil
			globals = append(globals, &lint.BuildArg{Name: kv.Key, Pos: r.pos(a.Location(), kv.Key), HasDefault: kv.Value != nil})
		}
	}
	for _, st := range stages {
		for _, n := range r.refs(st.BaseName) {
			for _, g := range globals {
				if g.Name == n {
					g.Used = true
				}
			}
		}
	}
	for _, g := range globals {
		r.args = append(r.args, *g)
	}
	if len(stages) == 0 {
		return out
	}
	reach := reachable(stages)
	envs := make([][]lint.DeployKey, len(stages))
	for i, st := range stages {
		first := len(r.args)
		// A stage built FROM an earlier stage starts with its ENV.
		for j := range i {
			if stages[j].Name != "" && strings.EqualFold(stages[j].Name, st.BaseName) {
				envs[i] = slices.Clone(envs[j])
			}
		}
		envs[i] = r.stage(st, global, envs[i])
		if !reach[i] {
			// A stage the image does not build from (a test stage) is not
			// built: its ARGs need no value.
			for j := first; j < len(r.args); j++ {
				r.args[j].Used = false
			}
		}
	}
	last := stages[len(stages)-1]
	t := lint.DeployTarget{Name: file, Kind: lint.DeployDockerfile, Pos: r.pos(last.Location, ""),
		Context: path.Dir(file), Dockerfile: file, BuildArgs: r.args}
	t.Keys = envs[len(stages)-1]
	out.Targets = append(out.Targets, t)
	return out
}

type reader struct {
	file  string
	lines []string
	lex   *shell.Lex
	args  []lint.BuildArg
}

// stage reads one stage's ARGs and ENVs, and returns the ENV its image
// carries after env (the base stage's).
func (r *reader) stage(st instructions.Stage, global map[string]bool, env []lint.DeployKey) []lint.DeployKey {
	var declared []int // indexes into r.args of this stage's ARGs
	use := func(names []string) {
		for _, i := range declared {
			if slices.Contains(names, r.args[i].Name) {
				r.args[i].Used = true
			}
		}
	}
	for _, c := range st.Commands {
		switch c := c.(type) {
		case *instructions.ArgCommand:
			for _, kv := range c.Args {
				hasDefault := kv.Value != nil
				if !hasDefault && global[kv.Key] {
					hasDefault = true // `ARG V` in a stage takes the global default
				}
				r.args = append(r.args, lint.BuildArg{Name: kv.Key, Pos: r.pos(c.Location(), kv.Key), Stage: st.Name, HasDefault: hasDefault})
				declared = append(declared, len(r.args)-1)
				if kv.Value != nil {
					use(r.refs(*kv.Value))
				}
			}
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				refs := r.refs(kv.Value)
				use(refs)
				k := lint.DeployKey{Name: kv.Key, Pos: r.pos(c.Location(), kv.Key), Source: lint.SourceLiteral, Value: kv.Value}
				if len(refs) > 0 {
					k.Source, k.Value = lint.SourceInterpolation, ""
				}
				env = slices.DeleteFunc(env, func(e lint.DeployKey) bool { return e.Name == kv.Key })
				env = append(env, k)
			}
		case *instructions.RunCommand:
			// A RUN sees every ARG declared before it as an environment
			// variable: `npm run build` reads NEXT_PUBLIC_* this way. One
			// that tests the ARG for emptiness (`if [ -n "$VERSION" ]`,
			// `${VERSION:-dev}`) was written for it to be left out.
			script := strings.Join(c.CmdLine, " ")
			for _, i := range declared {
				if !guarded(script, r.args[i].Name) {
					r.args[i].Used = true
				}
			}
		default:
			if ex, ok := c.(instructions.SupportsSingleWordExpansion); ok {
				_ = ex.Expand(func(word string) (string, error) {
					use(r.refs(word))
					return word, nil
				})
			}
		}
	}
	return env
}

// reachable reports, per stage, whether building the last stage builds
// it: as the base of a reachable stage, or as the source of its COPY
// --from or RUN --mount=from.
func reachable(stages []instructions.Stage) []bool {
	index := func(name string) int {
		for i, st := range stages {
			if st.Name != "" && strings.EqualFold(st.Name, name) || strconv.Itoa(i) == name {
				return i
			}
		}
		return -1
	}
	reach := make([]bool, len(stages))
	var visit func(i int)
	visit = func(i int) {
		if i < 0 || reach[i] {
			return
		}
		reach[i] = true
		visit(index(stages[i].BaseName))
		for _, c := range stages[i].Commands {
			switch c := c.(type) {
			case *instructions.CopyCommand:
				visit(index(c.From))
			case *instructions.RunCommand:
				for _, m := range instructions.GetMounts(c) {
					visit(index(m.From))
				}
			}
		}
	}
	visit(len(stages) - 1)
	return reach
}

// refs returns the variables a word refers to, as BuildKit's shell lexer
// reads it.
func (r *reader) refs(word string) []string {
	res, err := r.lex.ProcessWordWithMatches(word, refEnv{})
	if err != nil {
		return nil
	}
	var ns []string
	for n := range res.Unmatched {
		ns = append(ns, n)
	}
	for n := range res.Matched {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	return ns
}

// refEnv is an empty environment: every reference is unmatched, and so
// reported.
type refEnv struct{}

func (refEnv) Get(string) (string, bool) { return "", false }
func (refEnv) Keys() []string            { return nil }

// pos is the position of an instruction, at name on its first line when
// name is written there.
func (r *reader) pos(loc []parser.Range, name string) lint.Pos {
	if len(loc) == 0 {
		return lint.Pos{File: r.file, Line: 1}
	}
	line := loc[0].Start.Line
	p := lint.Pos{File: r.file, Line: line, Col: 1}
	if name != "" {
		for l := line; l <= loc[len(loc)-1].End.Line && l <= len(r.lines); l++ {
			if i := indexWord(r.lines[l-1], name); i >= 0 {
				return lint.Pos{File: r.file, Line: l, Col: i + 1}
			}
		}
	}
	return p
}

// indexWord finds name in a line as a whole word.
func indexWord(line, name string) int {
	for from := 0; ; {
		i := strings.Index(line[from:], name)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(name)
		before := i == 0 || !isWord(line[i-1])
		after := end == len(line) || !isWord(line[end])
		if before && after {
			return i
		}
		from = i + 1
	}
}

func isWord(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

var didYouMean = regexp.MustCompile(` \(did you mean [^)]*\)`)

// problem positions BuildKit's error at the line it names.
func problem(file string, err error) lint.Problem {
	// BuildKit's "did you mean" picks among equals in map order; output
	// must not vary.
	msg := didYouMean.ReplaceAllString(err.Error(), "")
	p := lint.Problem{Pos: lint.Pos{File: file, Line: 1}, Msg: fmt.Sprintf("BuildKit rejects %s: %s", file, msg)}
	var le *parser.LocationError
	if !errors.As(err, &le) {
		return p
	}
	for _, loc := range le.Locations {
		for _, rg := range loc {
			if rg.Start.Line > 0 {
				p.Pos.Line = rg.Start.Line
				return p
			}
		}
	}
	return p
}

// guarded reports whether a shell script tests the variable for emptiness
// or gives it a fallback: `-n "$V"`, `-z "${V}"`, `${V:-x}`, `${V:+x}`. It
// runs for every ARG at every RUN, so it scans the text rather than
// compiling a pattern per name.
func guarded(script, name string) bool {
	for i := 0; ; {
		j := strings.Index(script[i:], "$")
		if j < 0 {
			return false
		}
		at := i + j
		i = at + 1
		rest, braced := strings.CutPrefix(script[i:], "{")
		after, ok := strings.CutPrefix(rest, name)
		if !ok {
			continue
		}
		if braced {
			after = strings.TrimPrefix(after, ":")
			if after != "" && strings.ContainsRune("-+=?", rune(after[0])) {
				return true // ${V:-x} and friends
			}
			if !strings.HasPrefix(after, "}") {
				continue
			}
		} else if after != "" && isWord(after[0]) {
			continue // $VERSION2, not $VERSION
		}
		before := strings.TrimRight(script[:at], "\" \t")
		if strings.HasSuffix(before, "-n") || strings.HasSuffix(before, "-z") {
			return true
		}
	}
}
