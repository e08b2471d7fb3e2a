// Package compose reads docker compose projects with compose-spec's own
// loader (github.com/compose-spec/compose-go/v2), so that overrides,
// extends, profiles and interpolation mean what they mean to compose. The
// loader gives no positions; they come from the YAML nodes of the same
// files, matched by service and key.
//
// Nothing is contacted and nothing is read from the process environment:
// interpolation reads only the values the caller passes (the .env file next
// to the compose file), remote includes are not fetched (only the local
// resource loader is installed), and env files are read by envlint's own
// dotenv parser, with positions.
package compose

import (
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/template"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/sirupsen/logrus"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/dotenv"
	"github.com/envlint/envlint/internal/safefile"
)

// mainNames are the files compose looks for in a directory, in its order of
// preference; overrideNames are the override files it merges on top.
var (
	mainNames     = []string{"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"}
	overrideNames = []string{"compose.override.yaml", "compose.override.yml", "docker-compose.override.yaml", "docker-compose.override.yml"}
)

// Projects groups the compose files of one directory into the projects
// compose would load: the main file with its override, and each further
// file (docker-compose.prod.yml) as an override of the main file, or on its
// own when there is no main file. names are the base names of the
// directory's compose files.
func Projects(names []string) [][]string {
	var main, override string
	for _, n := range mainNames {
		if slices.Contains(names, n) {
			main = n
			break
		}
	}
	for _, n := range overrideNames {
		if slices.Contains(names, n) {
			override = n
			break
		}
	}
	var ps [][]string
	if main != "" {
		p := []string{main}
		if override != "" {
			p = append(p, override)
		}
		ps = append(ps, p)
	}
	rest := slices.Clone(names)
	slices.Sort(rest)
	for _, n := range rest {
		if n == main || n == override || slices.Contains(mainNames, n) || slices.Contains(overrideNames, n) {
			continue
		}
		if main != "" {
			ps = append(ps, []string{main, n})
		} else {
			ps = append(ps, []string{n})
		}
	}
	return ps
}

var quietLogrus sync.Once

// Load reads one compose project. root is the -C directory; files are the
// project's compose files relative to it, main file first; env holds the
// values compose would interpolate from (the .env next to the main file),
// nil for none. The result is never nil; a project compose rejects has one
// error, positioned where compose's message says, and no targets.
func Load(root string, files []string, env map[string]string) *lint.DeployFile {
	// compose-go warns through logrus's global logger (an unset variable,
	// an obsolete `version:`); envlint's output is its findings only.
	quietLogrus.Do(func() { logrus.SetOutput(io.Discard) })
	// A project is named by its main file, or by the extra file that
	// makes it differ (docker-compose.prod.yml).
	id := files[0]
	if last := files[len(files)-1]; len(files) > 1 && !slices.Contains(overrideNames, path.Base(last)) {
		id = last
	}
	out := &lint.DeployFile{File: id, Kind: lint.DeployCompose}
	r := &reader{root: root, env: env, out: out, docs: map[string]*doc{}}
	for _, f := range files {
		if err := r.parse(f); err != nil {
			out.Interpolations = nil
			out.Errors = append(out.Errors, *err)
			return out
		}
	}
	project, err := r.load(files)
	// compose rejected a value that an unset variable left empty
	// (`ports: ["$PORT:$PORT"]` with PORT in a .env that is not committed):
	// the file is not wrong, its environment is unknown. Judge it with the
	// unset variables standing in as a number, which typed fields accept
	// (a port must not be 0, a count may).
	unset := r.unset()
	for _, stand := range standIns {
		if err == nil || len(unset) == 0 {
			break
		}
		env := maps.Clone(nonNil(r.env))
		for _, n := range unset {
			env[n] = stand
		}
		if p, err2 := r.loadWith(files, env); err2 == nil {
			project, err = p, nil
		}
	}
	if err != nil {
		// Of several schema errors compose names one at random; name the
		// first in the file.
		if first := r.firstInvalid(files); first != nil {
			err = first
		}
	}
	if err != nil {
		// The rejection is the finding; what the file would interpolate
		// is moot until compose accepts it.
		out.Interpolations = nil
		out.Errors = append(out.Errors, r.problem(files, err))
		return out
	}
	r.targets(files, project)
	return out
}

type reader struct {
	root string
	env  map[string]string
	out  *lint.DeployFile
	docs map[string]*doc // by relative path
	// order lists the files read, in order, extends files after the
	// project's own.
	order []string
}

// standIns are the values an unset variable takes, in turn, when compose
// rejects a file for an empty value: "1" is a valid port, "0" a valid count.
var standIns = []string{"1", "0"}

// unset lists the interpolated variables that have no value.
func (r *reader) unset() []string {
	var out []string
	for _, in := range r.out.Interpolations {
		if r.env[in.Name] == "" && !slices.Contains(out, in.Name) {
			out = append(out, in.Name)
		}
	}
	return out
}

// load runs compose-go's loader on the files.
func (r *reader) load(files []string) (*types.Project, error) {
	return r.loadWith(files, r.env)
}

// loadWith runs compose-go's loader on the files with an environment.
func (r *reader) loadWith(files []string, env map[string]string) (*types.Project, error) {
	details := types.ConfigDetails{
		WorkingDir:  filepath.Join(r.root, filepath.FromSlash(path.Dir(files[0]))),
		Environment: types.Mapping(nonNil(env)),
	}
	for _, f := range files {
		abs := filepath.Join(r.root, filepath.FromSlash(f))
		details.ConfigFiles = append(details.ConfigFiles, types.ConfigFile{Filename: abs, Content: r.docs[f].data})
	}
	return loader.LoadWithContext(context.Background(), details, Options...)
}

// Options are the loader options envlint uses; tests load with the same.
var Options = []func(*loader.Options){
	func(o *loader.Options) {
		o.SetProjectName("envlint", true)
		// Every service, whatever its profile: each is a target.
		o.Profiles = []string{"*"}
		// envlint reads env files itself (with positions), and reports a
		// missing one as a finding rather than failing the project.
		o.SkipResolveEnvironment = true
		o.SkipResolveLabels = true
		o.Interpolate.Substitute = substitute
	},
}

// substitute interpolates as compose does, without logging, except that a
// required variable (`${VAR:?err}`) left unset does not fail the load: in CI
// the value comes from the shell, which envlint does not read. It becomes
// "0", which every typed field accepts.
func substitute(s string, mapping template.Mapping) (string, error) {
	v, err := template.SubstituteWithOptions(s, mapping, template.WithoutLogging)
	var missing *template.MissingRequiredError
	if errors.As(err, &missing) {
		return template.SubstituteWithOptions(s, func(name string) (string, bool) {
			if v, ok := mapping(name); ok && v != "" {
				return v, true
			}
			return "0", true
		}, template.WithoutLogging)
	}
	return v, err
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

var (
	lineRe     = regexp.MustCompile(`line (\d+)`)
	quotedList = regexp.MustCompile(`'[^']*'(?:, '[^']*')+`)
	pathRe     = regexp.MustCompile(`\b((?:services|networks|volumes|secrets|configs)\.[A-Za-z0-9._-]+)`)
)

// problem positions compose's message: at the line a YAML error names, else
// at the service it names, else at line 1 of the main file. The message
// names files relative to the -C directory and shows no value written in
// the files.
func (r *reader) problem(files []string, err error) lint.Problem {
	msg := err.Error()
	pos := lint.Pos{File: files[0], Line: 1}
	for _, f := range files {
		abs := filepath.Join(r.root, filepath.FromSlash(f))
		if strings.Contains(msg, abs) {
			pos.File = f
		}
		msg = strings.ReplaceAll(msg, abs, f)
	}
	msg = strings.ReplaceAll(msg, r.root+string(filepath.Separator), "")
	if ms := lineRe.FindAllStringSubmatch(msg, -1); ms != nil {
		pos.Line, _ = strconv.Atoi(ms[len(ms)-1][1])
		// The YAML parser names the line after the last at end of input.
		if d := r.docs[pos.File]; d != nil && len(d.lines) > 0 {
			pos.Line = max(1, min(pos.Line, len(d.lines)))
		}
	} else if m := pathRe.FindStringSubmatch(msg); m != nil {
		for _, f := range files {
			if p, ok := r.docs[f].find(strings.Split(m[1], ".")); ok {
				pos = p
				break
			}
		}
	}
	for _, f := range files {
		msg = strings.TrimPrefix(msg, "validating "+f+": ")
		msg = strings.TrimPrefix(msg, "failed to parse "+f+": ")
	}
	for _, f := range files {
		msg = r.docs[f].scrub(msg)
	}
	for _, v := range r.env { // values interpolated from .env
		if len(v) >= 4 {
			msg = strings.ReplaceAll(msg, v, "…")
		}
	}
	// compose lists some names in map order; output must not vary.
	msg = quotedList.ReplaceAllStringFunc(msg, func(l string) string {
		items := strings.Split(l, ", ")
		slices.Sort(items)
		return strings.Join(items, ", ")
	})
	return lint.Problem{Pos: pos, Msg: "compose rejects " + pos.File + ": " + msg}
}

// targets turns the loaded project into deploy targets, positioned from the
// YAML nodes.
func (r *reader) targets(files []string, project *types.Project) {
	for _, name := range slices.Sorted(maps.Keys(project.Services)) {
		svc := project.Services[name]
		t := lint.DeployTarget{Name: r.out.File + "#" + name, Kind: lint.DeployCompose}
		t.Pos = lint.Pos{File: files[0], Line: 1}
		for _, f := range files { // where the service is first written
			if s := r.docs[f].services[name]; s != nil {
				t.Pos = s.pos
				break
			}
		}
		if b := svc.Build; b != nil {
			if rel, ok := r.rel(b.Context); ok {
				t.Context = rel
				if b.Dockerfile != "" && b.DockerfileInline == "" {
					df := b.Dockerfile
					if !filepath.IsAbs(df) {
						df = filepath.Join(b.Context, df)
					}
					t.Dockerfile, _ = r.rel(df)
				}
			}
			for _, k := range slices.Sorted(maps.Keys(b.Args)) {
				a := lint.BuildArg{Name: k, Pos: t.Pos}
				if s := r.find(files, name, func(s *service) bool { return s.args[k] != nil }); s != nil {
					a.Pos = s.args[k].pos
				}
				t.BuildArgs = append(t.BuildArgs, a)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(svc.Environment)) {
			dk := lint.DeployKey{Name: k, Pos: t.Pos, Source: lint.SourceInterpolation}
			if s := r.find(files, name, func(s *service) bool { return s.env[k] != nil }); s != nil {
				e := s.env[k]
				dk.Pos, dk.ValuePos = e.pos, e.valuePos
				if e.hasValue && !hasInterpolation(e.raw) {
					dk.Source = lint.SourceLiteral
					dk.Value = *svc.Environment[k]
				}
			}
			t.Keys = append(t.Keys, dk)
		}
		for _, ef := range svc.EnvFiles {
			r.envFile(&t, files, name, ef)
		}
		r.out.Targets = append(r.out.Targets, t)
	}
}

// envFile reads one env_file entry into the target's keys.
func (r *reader) envFile(t *lint.DeployTarget, files []string, svcName string, ef types.EnvFile) {
	rel, ok := r.rel(ef.Path)
	if !ok {
		t.Incomplete = true
		return
	}
	t.EnvFiles = append(t.EnvFiles, rel)
	at := t.Pos
	if s := r.find(files, svcName, func(s *service) bool { return s.envFiles[rel] != nil }); s != nil {
		at = *s.envFiles[rel]
	}
	// A committed env_file may be a link to /proc/self/environ or out of
	// the repository: read it only the way every layer file is read.
	data, err := safefile.Read(r.root, rel, maxFileSize)
	if err != nil {
		t.Incomplete = true
		t.Unread = append(t.Unread, lint.UnreadEnvFile{File: rel, Pos: at, Required: bool(ef.Required), Err: unwrap(err).Error()})
		return
	}
	parsed := dotenv.Parse(rel, data)
	if len(parsed.Errors) > 0 {
		t.Incomplete = true
		r.out.Errors = append(r.out.Errors, parsed.Errors...)
	}
	for _, e := range parsed.Entries {
		if e.Commented {
			continue
		}
		t.Keys = append(t.Keys, lint.DeployKey{Name: e.Name, Pos: e.Pos, Source: lint.SourceEnvFile, ValuePos: e.ValuePos})
	}
}

// find returns the YAML node data of a service that satisfies ok: the last
// project file that writes it (overrides win), else the files it extends.
func (r *reader) find(files []string, name string, ok func(*service) bool) *service {
	for i := len(files) - 1; i >= 0; i-- {
		if s := r.lookup(files[i], name, ok, 0); s != nil {
			return s
		}
	}
	return nil
}

func (r *reader) lookup(file, name string, ok func(*service) bool, depth int) *service {
	d := r.docs[file]
	if d == nil || depth > 16 {
		return nil
	}
	s := d.services[name]
	if s == nil {
		return nil
	}
	if ok(s) {
		return s
	}
	if s.extends == "" {
		return nil
	}
	ef := file
	if s.extendsFile != "" {
		ef = path.Join(path.Dir(file), s.extendsFile)
		if ef == ".." || strings.HasPrefix(ef, "../") {
			return nil
		}
		if _, seen := r.docs[ef]; !seen {
			if err := r.parse(ef); err != nil {
				return nil
			}
		}
	}
	return r.lookup(ef, s.extends, ok, depth+1)
}

// rel makes an absolute path from the loader relative to the root; false
// when it lies outside (or is remote).
func (r *reader) rel(abs string) (string, bool) {
	if !filepath.IsAbs(abs) {
		return "", false
	}
	rel, err := filepath.Rel(r.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
