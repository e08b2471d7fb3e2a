package discover

import "testing"

func TestIsKubeHead(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		more, want bool
	}{
		{"deployment", "apiVersion: apps/v1\nkind: Deployment\n", false, true},
		{"quoted kind with comment", "# c\napiVersion: v1\nkind: \"ConfigMap\" # x\n", false, true},
		{"service alone", "apiVersion: v1\nkind: Service\n", false, false},
		{"service, more follows", "apiVersion: v1\nkind: Service\n", true, true},
		{"no apiVersion", "kind: Deployment\n", false, false},
		{"nested kind only", "apiVersion: v1\nspec:\n  kind: Deployment\n", false, false},
		{"compose", "services:\n  api:\n    image: x\n", false, false},
		{"helm template", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n", false, false},
		{"helm control line", "{{- if .Values.enabled }}\napiVersion: apps/v1\nkind: Deployment\n", false, false},
		{"injector template in a block", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    metadata:\n      annotations:\n        vault.hashicorp.com/agent-inject-template-c: |\n          {{ with secret \"s\" }}\n          A={{ .Data.a }}\n          {{ end }}\n    spec: {}\n", false, true},
		{"envsubst placeholder", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: ${REPLICAS:-1}\n", false, false},
		{"quoted placeholder in a list", "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - args:\n    - \"${ARG}\"\n", false, false},
		{"variable inside a command", "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - command: [\"sh\", \"-c\", \"echo ${HOME}\"]\n", false, true},
		{"kustomize patch", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: loadgenerator\n$patch: delete\n", false, false},
		{"kustomization", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n", false, false},
	} {
		if got := IsKubeHead([]byte(tc.head), tc.more); got != tc.want {
			t.Errorf("%s: IsKubeHead = %v, want %v", tc.name, got, tc.want)
		}
	}
}
