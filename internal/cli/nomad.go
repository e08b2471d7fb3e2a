package cli

import (
	"path"
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/config"
	"github.com/envlint/envlint/internal/diff"
	"github.com/envlint/envlint/internal/discover"
)

// linkNomad links each Nomad task to the components it deploys: those
// whose deploy: names it ("deploy/api.nomad.hcl#api"), else (zero config)
// the one whose directory its config.image names. It returns each job
// file's home component, which judges the file's errors and inline
// templates.
func (p *project) linkNomad(l *deployLayer, configured []config.Component, dirs []string) map[string]*diff.Component {
	homes := map[string]*diff.Component{}
	for _, nf := range l.nomad {
		var home *diff.Component
		for i := range nf.Targets {
			t := &nf.Targets[i]
			cs := p.linkTarget(t, configured, dirs)
			if len(cs) == 0 {
				if c := p.imageComponent(t.Image, configured, dirs); c != nil {
					cs = append(cs, c)
				}
			}
			for _, c := range cs {
				c.Deploy = append(c.Deploy, t)
				home = cmpOr(home, c)
				// A task's env templates render its environment together.
				if len(t.Templates) > 1 && !slices.ContainsFunc(c.Groups, func(g []string) bool { return slices.Equal(g, t.Templates) }) {
					c.Groups = append(c.Groups, t.Templates)
				}
			}
		}
		if o := discover.Owner(nf.File, dirs); o != "" {
			home = p.components[slices.Index(dirs, o)]
		}
		for i := 0; home == nil && i < len(configured); i++ {
			// A file whose tasks cannot be read: the component naming it.
			for _, pat := range configured[i].Deploy {
				if ok, _ := path.Match(cleanRel(strings.Split(pat, "#")[0]), nf.File); ok {
					home = p.components[i]
				}
			}
		}
		if home == nil && len(p.components) == 1 {
			home = p.components[0]
		}
		if home != nil {
			homes[nf.File] = home
			home.DeployFiles = append(home.DeployFiles, nf)
			l.attached[nf] = true
		}
	}
	return homes
}

// imageComponent returns the component whose directory an image names
// ("ghcr.io/acme/api:1.4" names apps/api), when that component lists no
// targets of its own and exactly one component matches.
func (p *project) imageComponent(image string, configured []config.Component, dirs []string) *diff.Component {
	if image == "" {
		return nil
	}
	name := image
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	name, _, _ = strings.Cut(name, "@")
	name, _, _ = strings.Cut(name, ":")
	var found *diff.Component
	for i, d := range dirs {
		if path.Base(d) != name || (i < len(configured) && len(configured[i].Deploy) > 0) {
			continue
		}
		if found != nil {
			return nil
		}
		found = p.components[i]
	}
	return found
}
