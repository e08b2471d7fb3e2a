package kustomize

//lint:file-ignore SA1019 the deprecated fields are read to move them to their successors, as kustomize edit fix does

import "sigs.k8s.io/kustomize/api/types"

// migrate moves a kustomization's deprecated fields to their successors,
// as kustomize does itself (FixKustomization, then `kustomize edit fix`'s
// patch and label moves), so that krusty prints no deprecation warnings.
// A patchesStrategicMerge entry is a path when loaded says the file was
// read, else an inline patch.
func migrate(kz *types.Kustomization, loaded func(string) bool) {
	kz.FixKustomization()
	kz.Patches = append(kz.Patches, kz.PatchesJson6902...)
	for _, p := range kz.PatchesStrategicMerge {
		switch {
		case loaded(string(p)):
			kz.Patches = append(kz.Patches, types.Patch{Path: string(p)})
		case inlinePatch(string(p)):
			kz.Patches = append(kz.Patches, types.Patch{Patch: string(p)})
		}
	}
	kz.PatchesJson6902, kz.PatchesStrategicMerge = nil, nil
	if len(kz.CommonLabels) > 0 {
		kz.Labels = append(kz.Labels, types.Label{Pairs: kz.CommonLabels, IncludeSelectors: true})
		kz.CommonLabels = nil
	}
}
