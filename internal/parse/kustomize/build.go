package kustomize

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	yaml3 "go.yaml.in/yaml/v3"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/resource"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"

	"github.com/envlint/envlint/internal/lint"
)

// ReadFunc reads a repository file by its slash-separated path relative to
// the repository root. It fails for a missing file, a directory, a file a
// symlink takes out of the repository and a file over envlint's size cap.
type ReadFunc func(file string) ([]byte, error)

// Limits on what one build reads, so that a hostile tree cannot make it
// read without end.
const (
	maxFiles = 4000
	maxBytes = 128 << 20
)

// Overlay is one kustomization built as kustomize builds it.
type Overlay struct {
	Dir  string // the kustomization's directory
	File string // its kustomization file
	// Environment is the overlay's directory name (overlays/production:
	// production).
	Environment string
	// Output is the YAML stream `kustomize build` writes ("" when the build
	// fails).
	Output []byte
	// Objects are the output's objects, in order.
	Objects []Object
	// Kustomizations are those the build reads, the overlay first, then in
	// the order it reaches them.
	Kustomizations []*Kustomization
	// Files are the repository files the build reads, by path.
	Files map[string][]byte
	// Errors are kustomizations YAML rejects, missing bases and files, and
	// builds kustomize fails: parse errors.
	Errors []lint.Problem
	// Uncovered are what the build leaves out, each at the entry naming
	// it (in that kustomization file): remote bases and resources, Helm
	// charts, plugins. Msg is a verb phrase whose subject is Pos.File
	// ("names the remote resource ...").
	Uncovered []lint.Problem
}

// Object is one object of an overlay's output.
type Object struct {
	Kind, Name, Namespace string
	// Origin is the repository file the object comes from: a resource
	// file, or the kustomization whose generator made it.
	Origin string
	// Generator is "configMapGenerator" or "secretGenerator" for a
	// generated object, and its Name the generator's name.
	Generator, GeneratorName string
}

// Build builds the kustomization in dir (a repository path). Library
// panics are recovered into a parse error.
func Build(read ReadFunc, dir string) (o *Overlay) {
	o = &Overlay{Dir: dir, Environment: path.Base(dir), Files: map[string][]byte{}}
	if dir == "." {
		o.Environment = "default"
	}
	l := &loader{read: read, o: o, fs: filesys.MakeFsInMemory(), seen: map[string]bool{}}
	k := l.kustomization(dir, lint.Pos{})
	if k == nil {
		if len(o.Errors) == 0 {
			o.Errors = append(o.Errors, lint.Problem{Pos: lint.Pos{File: dir}, Msg: "no kustomization file in " + dir})
		}
		return o
	}
	o.File = k.File
	l.walk()
	if len(o.Errors) > 0 {
		return o
	}
	defer func() {
		if r := recover(); r != nil {
			o.Output, o.Objects = nil, nil
			o.Errors = append(o.Errors, lint.Problem{Pos: lint.Pos{File: o.File, Line: 1},
				Msg: "kustomize failed to build " + dir + " (internal error); please report it with a tree that reproduces it"})
		}
	}()
	if err := l.build(); err != nil {
		if len(o.Uncovered) > 0 {
			// A patch whose target a remote base would add, a replacement
			// whose source it holds: the build needs what is not fetched.
			o.Uncovered = append(o.Uncovered, lint.Problem{Pos: lint.Pos{File: o.File, Line: 1},
				Msg: fmt.Sprintf("cannot be built without what envlint does not fetch (%s); its containers are not checked", cleanError(err))})
			return o
		}
		if strings.Contains(err.Error(), "external plugins disabled") {
			// kustomize build --enable-alpha-plugins runs it: not an error
			// of the tree, but nothing envlint may run.
			o.Uncovered = append(o.Uncovered, lint.Problem{Pos: lint.Pos{File: o.File, Line: 1},
				Msg: fmt.Sprintf("needs an exec or Go plugin, which envlint never runs (%s); its containers are not checked", cleanError(err))})
			return o
		}
		o.Errors = append(o.Errors, lint.Problem{Pos: lint.Pos{File: o.File, Line: 1},
			Msg: fmt.Sprintf("kustomize cannot build %s: %s", dir, cleanError(err))})
	}
	return o
}

type loader struct {
	read  ReadFunc
	o     *Overlay
	fs    filesys.FileSystem
	seen  map[string]bool
	queue []*Kustomization
	bytes int
}

// file reads a repository file once into the build's file system.
func (l *loader) file(p string) error {
	if _, ok := l.o.Files[p]; ok {
		return nil
	}
	if len(l.o.Files) >= maxFiles || l.bytes >= maxBytes {
		return errors.New("the overlay reads more files than envlint's limit")
	}
	data, err := l.read(p)
	if err != nil {
		return err
	}
	l.bytes += len(data)
	l.o.Files[p] = data
	return l.fs.WriteFile("/"+p, data)
}

// kustomization reads the kustomization in dir, when there is one, and
// queues it for walking.
func (l *loader) kustomization(dir string, _ lint.Pos) *Kustomization {
	for _, n := range Names {
		f := path.Join(dir, n)
		if l.file(f) != nil {
			continue
		}
		k := Read(f, l.o.Files[f])
		l.o.Kustomizations = append(l.o.Kustomizations, k)
		l.o.Errors = append(l.o.Errors, k.Errors...)
		l.seen[dir] = true
		l.queue = append(l.queue, k)
		return k
	}
	return nil
}

// walk reads every file the queued kustomizations name.
func (l *loader) walk() {
	for len(l.queue) > 0 {
		k := l.queue[0]
		l.queue = l.queue[1:]
		dir := path.Dir(k.File)
		if k.Helm != nil {
			l.o.Uncovered = append(l.o.Uncovered, lint.Problem{Pos: *k.Helm,
				Msg: "inflates Helm charts, which envlint does not render inside a kustomization; their containers are not checked"})
		}
		for _, r := range k.Refs {
			if r.Remote {
				l.o.Uncovered = append(l.o.Uncovered, lint.Problem{Pos: r.Pos,
					Msg: fmt.Sprintf("names the remote %s %s, which envlint never fetches; what it adds is not checked", singular(r.Field), r.Value)})
				continue
			}
			p, ok := Resolve(dir, r.Value)
			if !ok {
				l.o.Errors = append(l.o.Errors, lint.Problem{Pos: r.Pos,
					Msg: fmt.Sprintf("%s entry %s is outside the repository, so kustomize cannot build %s from the repository alone", r.Field, r.Value, l.o.Dir)})
				continue
			}
			err := l.file(p)
			if err == nil || r.Kind == RefFile {
				if err != nil {
					l.o.Errors = append(l.o.Errors, lint.Problem{Pos: r.Pos,
						Msg: fmt.Sprintf("%s entry %s cannot be read (%s), so kustomize cannot build %s", r.Field, r.Value, unwrap(err), l.o.Dir)})
				}
				continue
			}
			if l.seen[p] {
				continue
			}
			if l.kustomization(p, r.Pos) == nil {
				l.o.Errors = append(l.o.Errors, lint.Problem{Pos: r.Pos,
					Msg: fmt.Sprintf("%s entry %s is neither a file nor a directory with a kustomization, so kustomize cannot build %s", r.Field, r.Value, l.o.Dir)})
			}
		}
	}
}

// build rewrites each kustomization for an offline build (remote entries
// and Helm charts dropped, origin annotations on) and runs krusty.
func (l *loader) build() error {
	for _, k := range l.o.Kustomizations {
		data, err := l.rewrite(k)
		if err != nil {
			return err
		}
		if err := l.fs.WriteFile("/"+k.File, data); err != nil {
			return err
		}
		for _, r := range k.Refs {
			p, ok := Resolve(path.Dir(k.File), r.Value)
			if data, file := l.o.Files[p]; ok && file && r.Kind == RefBase {
				if err := l.fs.WriteFile("/"+p, mark(p, data)); err != nil {
					return err
				}
			}
		}
	}
	opts := krusty.MakeDefaultOptions()
	opts.PluginConfig = types.DisabledPluginConfig()
	// krusty keeps the OpenAPI schema of the build in a global
	// (kyaml/openapi.SetSchema): a build that sets its own runs alone.
	if slices.ContainsFunc(l.o.Kustomizations, func(k *Kustomization) bool { return k.OpenAPI }) {
		buildMu.Lock()
		defer buildMu.Unlock()
	} else {
		buildMu.RLock()
		defer buildMu.RUnlock()
	}
	defer quiet()()
	m, err := krusty.MakeKustomizer(opts).Run(l.fs, "/"+l.o.Dir)
	if err != nil {
		return err
	}
	for _, r := range m.Resources() {
		l.o.Objects = append(l.o.Objects, l.object(r))
		if anns := r.GetAnnotations(); anns[originKey] != "" {
			delete(anns, originKey)
			if err := r.SetAnnotations(anns); err != nil {
				return err
			}
		}
	}
	out, err := m.AsYaml()
	l.o.Output = out
	return err
}

// originKey is the annotation the in-memory copy of each resource file
// carries, naming the file: kustomize keeps annotations through its
// transformations, so each output object names its source. (Kustomize's
// own origin annotations cost a transformation record per transformer
// and object, quadratic on large trees: 23 s on Argo CD's manifests.)
const originKey = "envlint.invalid/origin"

func (l *loader) object(r *resource.Resource) Object {
	obj := Object{Kind: r.GetKind(), Name: r.GetName(), Namespace: r.GetNamespace(), Origin: r.GetAnnotations()[originKey]}
	// Made by a generator, or merged with one (behavior: merge or
	// replace): the generator of that kind with the longest name the
	// object's name contains; a resource's must be its own name.
	generator := map[string]string{"ConfigMap": "configMapGenerator", "Secret": "secretGenerator"}[obj.Kind]
	if generator == "" {
		return obj
	}
	var names []string
	if obj.Origin != "" {
		names = objectNames(l.o.Files[obj.Origin], obj.Kind)
	}
	best := ""
	for _, k := range l.o.Kustomizations {
		for _, g := range k.Generators {
			if g.Field != generator || !strings.Contains(obj.Name, g.Name) || len(g.Name) <= len(best) ||
				(obj.Origin != "" && !slices.Contains(names, g.Name)) {
				continue
			}
			best, obj.Generator, obj.GeneratorName = g.Name, generator, g.Name
			if r.GetAnnotations()[originKey] == "" {
				obj.Origin = k.File
			}
		}
	}
	return obj
}

// markedKinds finds the kinds whose origin envlint needs.
var markedKinds = regexp.MustCompile(`(?m)^\s*kind:\s*["']?(Deployment|StatefulSet|DaemonSet|ReplicaSet|ReplicationController|Job|CronJob|Pod|PodTemplate|ConfigMap|Secret|List)\b`)

// objectNames returns the names of the objects of a kind in a YAML stream.
func objectNames(data []byte, kind string) []string {
	var names []string
	dec := yaml3.NewDecoder(bytes.NewReader(data))
	for {
		var doc struct {
			Kind     string `yaml:"kind"`
			Metadata struct {
				Name string `yaml:"name"`
			} `yaml:"metadata"`
		}
		if dec.Decode(&doc) != nil {
			return names
		}
		if doc.Kind == kind {
			names = append(names, doc.Metadata.Name)
		}
	}
}

// mark returns a resource file with every object annotated with its file
// (originKey), or the file unchanged when it is not a YAML stream of
// objects (krusty then says what is wrong with it) or holds none of the
// kinds envlint reads (a CRD file of megabytes need not be re-encoded).
func mark(file string, data []byte) []byte {
	if !markedKinds.Match(data) {
		return data
	}
	dec := yaml3.NewDecoder(bytes.NewReader(data))
	var out bytes.Buffer
	enc := yaml3.NewEncoder(&out)
	for {
		var doc yaml3.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return data
		}
		if len(doc.Content) == 0 {
			continue // an empty document
		}
		if doc.Content[0].Kind != yaml3.MappingNode {
			return data
		}
		meta := field(doc.Content[0], "metadata")
		if meta == nil || meta.Kind != yaml3.MappingNode {
			return data
		}
		anns := field(meta, "annotations")
		if anns == nil {
			anns = &yaml3.Node{Kind: yaml3.MappingNode, Tag: "!!map"}
			meta.Content = append(meta.Content, &yaml3.Node{Kind: yaml3.ScalarNode, Tag: "!!str", Value: "annotations"}, anns)
		}
		if anns.Kind == yaml3.ScalarNode && anns.Tag == "!!null" {
			*anns = yaml3.Node{Kind: yaml3.MappingNode, Tag: "!!map"} // `annotations:` left empty
		}
		if anns.Kind != yaml3.MappingNode {
			return data
		}
		anns.Content = append(anns.Content, &yaml3.Node{Kind: yaml3.ScalarNode, Tag: "!!str", Value: originKey},
			&yaml3.Node{Kind: yaml3.ScalarNode, Tag: "!!str", Value: file})
		if err := enc.Encode(&doc); err != nil {
			return data
		}
	}
	if err := enc.Close(); err != nil {
		return data
	}
	return out.Bytes()
}

// rewrite returns a kustomization as krusty is to read it offline. Every
// path it names must be a repository file or kustomization directory the
// walk loaded: anything else (a URL, a git repository, whatever kustomize
// might fetch or clone) is left out, so krusty never reaches for the
// network or runs git. Helm charts are left out too. The deprecated fields
// are moved to their successors first, as kustomize does itself
// (`kustomize edit fix`), so that krusty has fewer warnings to print.
func (l *loader) rewrite(k *Kustomization) ([]byte, error) {
	var kz types.Kustomization
	if err := kz.Unmarshal(l.o.Files[k.File]); err != nil {
		return nil, err
	}
	dir := path.Dir(k.File)
	loaded := func(p string) bool {
		f, ok := Resolve(dir, p)
		if !ok {
			return false
		}
		if _, ok := l.o.Files[f]; ok {
			return true
		}
		return slices.ContainsFunc(l.o.Kustomizations, func(k *Kustomization) bool { return path.Dir(k.File) == f })
	}
	local := func(ps []string) []string {
		return slices.DeleteFunc(ps, func(p string) bool { return !loaded(p) })
	}
	kz.Resources, kz.Components, kz.Crds, kz.Configurations = local(kz.Resources), local(kz.Components), local(kz.Crds), local(kz.Configurations)
	kz.Generators, kz.Transformers, kz.Validators = l.plugins(k, kz.Generators), l.plugins(k, kz.Transformers), l.plugins(k, kz.Validators)
	migrate(&kz, loaded)
	kz.Patches = slices.DeleteFunc(kz.Patches, func(p types.Patch) bool { return p.Path != "" && !loaded(p.Path) })
	kz.Replacements = slices.DeleteFunc(kz.Replacements, func(r types.ReplacementField) bool { return r.Path != "" && !loaded(r.Path) })
	var gens []*types.GeneratorArgs
	for i := range kz.ConfigMapGenerator {
		gens = append(gens, &kz.ConfigMapGenerator[i].GeneratorArgs)
	}
	for i := range kz.SecretGenerator {
		gens = append(gens, &kz.SecretGenerator[i].GeneratorArgs)
	}
	for _, g := range gens {
		kv := &g.KvPairSources
		kv.EnvSources = local(kv.EnvSources)
		kv.FileSources = slices.DeleteFunc(kv.FileSources, func(f string) bool {
			_, p, ok := strings.Cut(f, "=")
			if !ok {
				p = f
			}
			return !loaded(p)
		})
	}
	if p, ok := kz.OpenAPI["path"]; ok && !loaded(p) {
		delete(kz.OpenAPI, "path")
	}
	kz.HelmCharts, kz.HelmGlobals, kz.HelmChartInflationGenerator = nil, nil, nil
	return yaml.Marshal(&kz)
}

// plugins keeps the generators, transformers or validators krusty may
// configure offline: loaded repository files and directories, and inline
// configurations, except those that name a URL (a PatchTransformer's
// path: https://...), which krusty would fetch. Those are reported.
func (l *loader) plugins(k *Kustomization, entries []string) []string {
	var keep []string
	for _, e := range entries {
		text := e
		if !strings.Contains(e, "\n") {
			f, ok := Resolve(path.Dir(k.File), e)
			if !ok {
				continue
			}
			text = string(l.o.Files[f])
			if _, file := l.o.Files[f]; !file {
				// A directory of configurations.
				text = ""
				for name, data := range l.o.Files {
					if strings.HasPrefix(name, f+"/") {
						text += string(data)
					}
				}
				if text == "" {
					continue
				}
			}
		}
		if strings.Contains(text, "://") {
			l.o.Uncovered = append(l.o.Uncovered, lint.Problem{Pos: lint.Pos{File: k.File, Line: 1},
				Msg: "configures a generator or transformer that names a URL, which envlint never fetches; it is left out of the build"})
			continue
		}
		keep = append(keep, e)
	}
	return keep
}

// Silencing krusty: it prints deprecation warnings with
// fmt.Fprintf(os.Stderr) and notes with the standard logger, which would
// interleave with envlint's output. envlint writes only to the streams
// cli.Main is given, never to os.Stderr or the standard logger, so both
// are pointed at nothing while any build runs.
var (
	buildMu   sync.RWMutex
	quietMu   sync.Mutex
	quietN    int
	quietErr  *os.File
	quietLog  io.Writer
	devNull   *os.File
	devNullMu sync.Once
)

// quiet silences os.Stderr and the standard logger until the returned
// function is called; builds may overlap.
func quiet() func() {
	devNullMu.Do(func() { devNull, _ = os.OpenFile(os.DevNull, os.O_WRONLY, 0) })
	quietMu.Lock()
	defer quietMu.Unlock()
	if devNull == nil {
		return func() {}
	}
	if quietN == 0 {
		quietErr, quietLog = os.Stderr, log.Writer()
		os.Stderr = devNull
		log.SetOutput(io.Discard)
	}
	quietN++
	return func() {
		quietMu.Lock()
		defer quietMu.Unlock()
		if quietN--; quietN == 0 {
			os.Stderr = quietErr
			log.SetOutput(quietLog)
		}
	}
}

// singular names one entry of a kustomization field.
func singular(field string) string {
	if s, ok := map[string]string{"resources": "resource", "bases": "base", "components": "component", "patches": "patch",
		"patchesStrategicMerge": "patch", "patchesJson6902": "patch", "replacements": "replacement", "crds": "CRD",
		"configurations": "configuration", "generators": "generator", "transformers": "transformer", "validators": "validator"}[field]; ok {
		return s
	}
	return field + " file"
}

// cleanError drops the in-memory file system's root from krusty's message.
func cleanError(err error) string {
	return strings.ReplaceAll(err.Error(), "'/", "'")
}

func unwrap(err error) string {
	var pe interface{ Unwrap() error }
	for errors.As(err, &pe) && pe.Unwrap() != nil {
		err = pe.Unwrap()
	}
	return err.Error()
}
