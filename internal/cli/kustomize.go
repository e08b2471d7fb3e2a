package cli

import (
	"cmp"
	"maps"
	"path"
	"strings"

	"github.com/envlint/envlint/internal/discover"
	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/parse/kube"
	"github.com/envlint/envlint/internal/parse/kustomize"
)

// kustomizeLayer is what the repository's Kustomize overlays build.
type kustomizeLayer struct {
	// files are one per built root (an overlay, or a base no overlay
	// builds), named by its directory: its containers as targets in its
	// environment, named "<overlay dir>#Kind/name/container". They are
	// linked like plain manifests (linkKube).
	files []*lint.DeployFile
	// claimed are the repository files some kustomization builds: they
	// are not plain manifests of their own.
	claimed map[string]bool
}

// readKustomize reads every kustomization, builds each root with krusty
// (concurrently with nothing else: krusty keeps global state), and reads
// each output as Kubernetes manifests positioned in the sources.
func (p *project) readKustomize(files []string) *kustomizeLayer {
	l := &kustomizeLayer{claimed: map[string]bool{}}
	var ks []*kustomize.Kustomization
	for _, f := range files {
		if discover.DeployKind(path.Base(f)) != "kustomize" {
			continue
		}
		l.claimed[f] = true
		data, prob := p.readSource(f)
		if prob != nil {
			ks = append(ks, &kustomize.Kustomization{File: f, Errors: []lint.Problem{*prob}})
			continue
		}
		ks = append(ks, kustomize.Read(f, data))
	}
	read := func(f string) ([]byte, error) {
		data, prob := p.readSource(f)
		if prob != nil {
			return nil, problemError{prob}
		}
		return data, nil
	}
	roots := kustomize.Roots(ks)
	secrets := p.configuredSecrets()
	l.files = make([]*lint.DeployFile, len(roots))
	jobs := make([]func(), len(roots))
	overlays := make([]*kustomize.Overlay, len(roots))
	for i, dir := range roots {
		jobs[i] = func() {
			o := kustomize.Build(read, dir) // recovers krusty's panics itself
			overlays[i] = o
			defer recoverParse(cmp.Or(o.File, dir), func(pr lint.Problem) {
				l.files[i] = &lint.DeployFile{File: dir, Kind: lint.DeployKubernetes, Errors: []lint.Problem{pr}}
			})
			l.files[i] = overlayFile(o, secrets)
		}
	}
	runAll(jobs)
	for _, o := range overlays {
		if o == nil {
			continue
		}
		for f := range maps.Keys(o.Files) {
			l.claimed[f] = true
		}
	}
	return l
}

// overlayFile reads a built overlay's output as one deploy file; secrets
// are the Secrets .envlint.yaml lists the keys of.
func overlayFile(o *kustomize.Overlay, secrets []kube.ConfigMap) *lint.DeployFile {
	// The overlay directory stands for the file: deploy: names it, and
	// its owner is the overlay's component.
	df := &lint.DeployFile{File: o.Dir, Kind: lint.DeployKubernetes, Errors: o.Errors}
	if len(o.Errors) > 0 && len(o.Objects) == 0 {
		return df
	}
	res := kustomize.Manifest(o, secrets)
	df.Errors = append(df.Errors, res.Errors...)
	df.Templates = res.Templates
	var hide []lint.HiddenSource
	for _, u := range o.Uncovered {
		reason := u.Msg
		if u.Pos.File != o.File {
			reason = "builds " + u.Pos.File + ", which " + reason
		}
		hide = append(hide, lint.HiddenSource{Pos: u.Pos, Reason: reason,
			Fix: "vendor what it names into the repository, or list the overlay's targets under deploy: and judge them elsewhere"})
	}
	for i := range res.Targets {
		t := res.Targets[i].DeployTarget
		for _, ef := range res.Unknown[t.Name] {
			t.Hidden = append(t.Hidden, hidden(ef))
		}
		if len(hide) > 0 {
			// What is not fetched may patch this container too.
			t.Incomplete, t.Hidden = true, append(t.Hidden, hide...)
		}
		df.Targets = append(df.Targets, t)
	}
	if len(hide) > 0 && len(df.Targets) == 0 {
		// Every container comes from what is not fetched: one target
		// stands for them, so that the skip is reported.
		df.Targets = append(df.Targets, lint.DeployTarget{Name: o.Dir, Kind: lint.DeployKubernetes,
			Pos: hide[0].Pos, Environment: o.Environment, Incomplete: true, Hidden: hide})
	}
	return df
}

// problemError carries a reader's problem as an error for the build.
type problemError struct{ p *lint.Problem }

func (e problemError) Error() string {
	if i := strings.LastIndex(e.p.Msg, "("); i >= 0 && strings.HasSuffix(e.p.Msg, ")") {
		return e.p.Msg[i+1 : len(e.p.Msg)-1] // "cannot read x (reason)": the reason
	}
	return e.p.Msg
}
