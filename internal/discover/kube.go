package discover

import (
	"bytes"
	"io"
	"path"
	"strings"

	"github.com/envlint/envlint/internal/safefile"
)

func isYAML(name string) bool {
	ext := path.Ext(name)
	return ext == ".yaml" || ext == ".yml"
}

// sniffSize is how much of a YAML file KubeManifests reads to tell a
// manifest.
const sniffSize = 8 << 10

// workloadKinds are the kinds the Kubernetes reader reads.
var workloadKinds = map[string]bool{
	"Deployment": true, "StatefulSet": true, "DaemonSet": true, "ReplicaSet": true, "ReplicationController": true,
	"Job": true, "CronJob": true, "Pod": true, "ConfigMap": true, "List": true,
}

// SniffKube reports whether a YAML file the walk listed is a plain
// Kubernetes manifest, reading only its head (see IsKubeHead). Workflow
// files under .github are never manifests.
func SniffKube(root, file string) bool {
	if strings.HasPrefix(file, ".github/") {
		return false
	}
	f, err := safefile.Open(root, file)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, sniffSize+1)
	n, _ := io.ReadFull(f, head)
	return IsKubeHead(head[:min(n, sniffSize)], n > sniffSize)
}

// IsKubeHead reports whether the head of a YAML file is that of a plain
// Kubernetes manifest: a top-level `apiVersion:` and a top-level `kind:`
// naming a workload or a ConfigMap (any kind, when more of the file
// follows: a later document may be one), and no template action (`{{`),
// envsubst placeholder value (`${VAR}`) or Kustomize patch directive
// (`$patch:`) outside block scalars: a Helm chart's template or another
// generator's input is no manifest, while an injector template in an
// annotation's block is.
func IsKubeHead(head []byte, more bool) bool {
	apiVersion, kind, anyKind := false, false, false
	block := -1 // the indentation of the key that opened a block scalar
	for line := range bytes.Lines(head) {
		text := bytes.TrimRight(line, " \t\r\n")
		body := bytes.TrimLeft(text, " ")
		indent := len(text) - len(body)
		if len(body) == 0 || (block >= 0 && indent > block) {
			continue // blank, or inside a block scalar (an injector template)
		}
		block = -1
		if bytes.Contains(body, []byte("{{")) || placeholder(body) || bytes.HasPrefix(body, []byte("$patch:")) {
			return false // a template's input, or a Kustomize patch
		}
		if blockScalar(body) {
			block = indent
		}
		if v, ok := bytes.CutPrefix(line, []byte("apiVersion:")); ok && len(bytes.TrimSpace(v)) > 0 {
			apiVersion = true
		}
		if v, ok := bytes.CutPrefix(line, []byte("kind:")); ok {
			k := string(bytes.TrimSpace(v))
			if i := strings.Index(k, " #"); i >= 0 {
				k = strings.TrimSpace(k[:i])
			}
			k = strings.Trim(k, `"'`)
			anyKind = anyKind || k != ""
			kind = kind || workloadKinds[k]
		}
	}
	return apiVersion && (kind || (anyKind && more))
}

// placeholder reports whether a line's value is an envsubst placeholder
// (`replicas: ${REPLICAS}`, `- "${IMAGE}"`): the file is a generator's
// input, not what is applied. A ${VAR} inside a longer value (a shell
// command's text) is not one.
func placeholder(body []byte) bool {
	v := body
	if i := bytes.Index(body, []byte(": ")); i >= 0 {
		v = body[i+2:]
	} else if rest, ok := bytes.CutPrefix(body, []byte("- ")); ok {
		v = rest
	} else {
		return false
	}
	v = bytes.TrimLeft(bytes.TrimSpace(v), `"'`)
	return bytes.HasPrefix(v, []byte("${"))
}

// blockScalar reports whether a line opens a block scalar (`key: |`).
func blockScalar(body []byte) bool {
	i := bytes.LastIndex(body, []byte(": "))
	if i < 0 {
		return false
	}
	v := string(bytes.TrimSpace(body[i+2:]))
	return v != "" && (v[0] == '|' || v[0] == '>') && len(v) <= 3
}
