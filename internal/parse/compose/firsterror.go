package compose

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/compose-spec/compose-go/v2/interpolation"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/schema"
	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v4"
)

// firstInvalid validates the files' top-level entries, services and
// service attributes one at a time, in file order, with compose's own
// interpolation and schema, and returns the first error. compose-go's
// validator reports one of several errors in map order; envlint's output
// must not vary between runs.
func (r *reader) firstInvalid(files []string) error {
	opts := *loader.ToOptions(&types.ConfigDetails{Environment: nonNil(r.env)}, nil).Interpolate
	opts.Substitute = substitute
	for _, f := range files {
		abs := filepath.Join(r.root, filepath.FromSlash(f))
		check := func(m map[string]any) error {
			m, err := interpolation.Interpolate(m, opts)
			if err != nil {
				return nil // not a schema error
			}
			if err := schema.Validate(m); err != nil && !strings.HasPrefix(err.Error(), "json:") {
				return fmt.Errorf("validating %s: %w", abs, err)
			}
			return nil
		}
		for _, root := range r.docs[f].roots {
			top := root
			if top.Kind == yaml.DocumentNode && len(top.Content) > 0 {
				top = top.Content[0]
			}
			if top.Kind != yaml.MappingNode {
				continue
			}
			for i := 0; i+1 < len(top.Content); i += 2 {
				k, v := top.Content[i], top.Content[i+1]
				if k.Value != "services" || v.Kind != yaml.MappingNode {
					if err := check(map[string]any{k.Value: decode(v)}); err != nil {
						return err
					}
					continue
				}
				for j := 0; j+1 < len(v.Content); j += 2 {
					name, svc := v.Content[j].Value, v.Content[j+1]
					if svc.Kind != yaml.MappingNode {
						if err := check(map[string]any{"services": map[string]any{name: decode(svc)}}); err != nil {
							return err
						}
						continue
					}
					for p := 0; p+1 < len(svc.Content); p += 2 {
						attr := map[string]any{svc.Content[p].Value: decode(svc.Content[p+1])}
						if err := check(map[string]any{"services": map[string]any{name: attr}}); err != nil {
							return err
						}
					}
				}
			}
		}
	}
	return nil
}

func decode(n *yaml.Node) any {
	var v any
	if n.Decode(&v) != nil {
		return nil
	}
	return v
}
