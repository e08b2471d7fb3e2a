package diff

import (
	"path"
	"strings"
)

// runtimeVariables are read by the Go runtime or the standard library of
// every Go program: no one documents them in a service's example, and one
// documented there is no orphan (#14).
var runtimeVariables = map[string]bool{
	"GOMEMLIMIT": true, "GOGC": true, "GOMAXPROCS": true, "GODEBUG": true, "GOTRACEBACK": true,
	"GORACE": true, "GOCOVERDIR": true, "HTTP_PROXY": true, "http_proxy": true, "HTTPS_PROXY": true,
	"https_proxy": true, "NO_PROXY": true, "no_proxy": true, "REQUEST_METHOD": true,
	"SSL_CERT_FILE": true, "SSL_CERT_DIR": true, "TZ": true, "ZONEINFO": true, "LOCALDOMAIN": true,
	"RES_OPTIONS": true, "HOSTALIASES": true,
}

// sdkVariables are read by well-known SDKs, keyed by the import path (or
// path prefix) that brings them into a service. Names may be globs.
var sdkVariables = map[string][]string{
	"cloud.google.com/go": {"GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT",
		"GOOGLE_CLOUD_QUOTA_PROJECT", "*_EMULATOR_HOST"},
	"firebase.google.com/go":       {"GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_CLOUD_PROJECT", "FIREBASE_CONFIG", "*_EMULATOR_HOST"},
	"google.golang.org/api":        {"GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_CLOUD_PROJECT", "GOOGLE_API_USE_CLIENT_CERTIFICATE", "GOOGLE_API_USE_MTLS_ENDPOINT"},
	"golang.org/x/oauth2/google":   {"GOOGLE_APPLICATION_CREDENTIALS"},
	"github.com/aws/aws-sdk-go":    {"AWS_*"},
	"github.com/aws/aws-sdk-go-v2": {"AWS_*"},
	"go.opentelemetry.io/otel":     {"OTEL_*"},
	"go.opentelemetry.io/contrib":  {"OTEL_*"},
	"github.com/Azure/azure-sdk-for-go": {"AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_SECRET",
		"AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_USERNAME", "AZURE_PASSWORD",
		"AZURE_AUTHORITY_HOST", "AZURE_FEDERATED_TOKEN_FILE"},
	"github.com/getsentry/sentry-go":  {"SENTRY_DSN", "SENTRY_RELEASE", "SENTRY_ENVIRONMENT"},
	"gopkg.in/DataDog/dd-trace-go.v1": {"DD_*"},
	"github.com/DataDog/dd-trace-go":  {"DD_*"},
	"github.com/hashicorp/vault/api":  {"VAULT_*"},
	"k8s.io/client-go":                {"KUBECONFIG", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT"},
	"github.com/docker/docker/client": {"DOCKER_HOST", "DOCKER_API_VERSION", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY"},
	"github.com/jackc/pgx":            {"PG*"},
	"github.com/lib/pq":               {"PG*"},
}

// ambient reports whether the runtime, the standard library or an SDK the
// component's services import reads name: never demanded, never an orphan.
func (p *pass) ambient(name string) bool {
	if runtimeVariables[name] {
		return true
	}
	for _, ip := range p.c.Imports {
		for prefix, globs := range sdkVariables {
			if ip != prefix && !strings.HasPrefix(ip, prefix+"/") {
				continue
			}
			for _, g := range globs {
				if ok, _ := path.Match(g, name); ok {
					return true
				}
			}
		}
	}
	return false
}
