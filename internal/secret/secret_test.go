package secret_test

import (
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/envlint/envlint/internal/lint"
	"github.com/envlint/envlint/internal/secret"
)

const (
	upperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	alnum       = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	urlSafe     = alnum + "-_"
	b64         = alnum + "+/"
	hexLower    = "0123456789abcdef"
)

// gen returns n characters drawn from alphabet. The samples below have the
// vendors' formats and random content: none is a real credential.
func gen(r *rand.Rand, alphabet string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(alphabet[r.IntN(len(alphabet))])
	}
	return b.String()
}

type sample struct {
	key, value, want string
}

func samples(r *rand.Rand) []sample {
	jwtPart := func(json string) string { return base64.RawURLEncoding.EncodeToString([]byte(json)) }
	pem := func(label string) string {
		return "-----BEGIN " + label + "-----\\n" + gen(r, b64, 64) + "\\n" + gen(r, b64, 64) + "\\n-----END " + label + "-----"
	}
	return []sample{
		{"AWS_ACCESS_KEY_ID", "AKIA" + gen(r, upperDigits, 16), "AWS access key ID"},
		{"S3_KEY_ID", "ASIA" + gen(r, upperDigits, 16), "AWS access key ID"},
		{"AWS_SECRET_ACCESS_KEY", gen(r, b64, 40), "AWS secret access key"},
		{"S3_SECRET_KEY", gen(r, b64, 40), "AWS secret access key"},
		{"GOOGLE_API_KEY", "AIza" + gen(r, urlSafe, 35), "GCP API key"},
		{"MAPS_KEY", "AIza" + gen(r, urlSafe, 35), "GCP API key"},
		{"GOOGLE_CREDENTIALS", `{"type": "service_account", "project_id": "p", "private_key_id": "` + gen(r, hexLower, 40) + `", "private_key": "` + pem("PRIVATE KEY") + `"}`, "private key block"},
		{"GCP_SA_JSON", `{"type":"service_account","client_email":"svc@p.iam.gserviceaccount.com"}`, "GCP service account key"},
		{"AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=https;AccountName=acct" + gen(r, hexLower, 6) + ";AccountKey=" + gen(r, b64, 86) + "==;EndpointSuffix=core.windows.net", "Azure storage account key"},
		{"AZURE_CLIENT_SECRET", gen(r, alnum, 3) + "8Q~" + gen(r, alnum, 34), "Azure client secret"},
		{"BLOB_URL_SAS", "https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sig=" + gen(r, alnum, 43) + "%3D", "Azure SAS token"},
		{"GITHUB_TOKEN", checksummed(r, "ghp_"), "GitHub token"},
		{"GH_APP_TOKEN", checksummed(r, "ghs_"), "GitHub token"},
		{"CI_GITHUB_PAT", "github_pat_" + gen(r, alnum, 22) + "_" + gen(r, alnum, 59), "GitHub token"},
		{"GITLAB_TOKEN", "glpat-" + gen(r, urlSafe, 20), "GitLab token"},
		{"SLACK_BOT_TOKEN", "xoxb-" + gen(r, "0123456789", 12) + "-" + gen(r, "0123456789", 13) + "-" + gen(r, alnum, 24), "Slack token"},
		{"SLACK_USER_TOKEN", "xoxp-" + gen(r, "0123456789", 12) + "-" + gen(r, alnum, 32), "Slack token"},
		{"SLACK_WEBHOOK", "https://hooks.slack.com/services/T" + gen(r, upperDigits, 8) + "/B" + gen(r, upperDigits, 8) + "/" + gen(r, alnum, 24), "Slack webhook URL"},
		{"STRIPE_SECRET_KEY", "sk_live_" + gen(r, alnum, 24), "Stripe secret key"},
		{"STRIPE_KEY", "sk_test_" + gen(r, alnum, 99), "Stripe secret key"},
		{"STRIPE_RESTRICTED", "rk_live_" + gen(r, alnum, 24), "Stripe secret key"},
		{"TWILIO_API_KEY", "SK" + gen(r, hexLower, 32), "Twilio API key"},
		{"TWILIO_AUTH_TOKEN", gen(r, hexLower, 32), "Twilio auth token"},
		{"SENDGRID_API_KEY", "SG." + gen(r, urlSafe, 22) + "." + gen(r, urlSafe, 43), "SendGrid API key"},
		{"TLS_KEY", pem("RSA PRIVATE KEY"), "private key block"},
		{"SSH_KEY", pem("OPENSSH PRIVATE KEY"), "private key block"},
		{"EC_KEY", pem("EC PRIVATE KEY"), "private key block"},
		{"SIGNING", pem("PRIVATE KEY"), "private key block"},
		{"ID_TOKEN", "eyJ" + jwtPart(`{"alg":"HS256","typ":"JWT"}`)[3:] + ".eyJ" + jwtPart(`{"sub":"` + gen(r, alnum, 12) + `","iat":1700000000}`)[3:] + "." + gen(r, urlSafe, 43), "JSON Web Token"},
		{"DATABASE_URL", "postgres://app:" + gen(r, alnum, 20) + "@db.prod.acme.io:5432/app", "connection string with a password"},
		{"REDIS_URL", "redis://default:" + gen(r, alnum, 24) + "@redis-12345.c1.us-east-1.ec2.cloud.redislabs.com:12345", "connection string with a password"},
		{"MONGO_URI", "mongodb+srv://svc:" + gen(r, alnum, 16) + "@cluster0.ab1cd.mongodb.net/app?retryWrites=true", "connection string with a password"},
		{"AMQP_URL", "amqps://u:" + gen(r, alnum, 18) + "@rabbit.acme.cloud/vhost", "connection string with a password"},
		{"MYSQL_DSN", "app:" + gen(r, alnum, 18) + "@tcp(mysql.acme.io:3306)/app?parseTime=true", "connection string with a password"},
		{"PG_CONN", "host=10.1.2.3 port=5432 user=app password=" + gen(r, alnum, 18) + " dbname=app", "connection string with a password"},
		{"SQLSERVER", "Server=tcp:acme.database.windows.net,1433;Database=app;User ID=app;Password=" + gen(r, alnum, 18) + ";", "connection string with a password"},
		{"JWT_SECRET", gen(r, alnum, 48), "high-entropy value"},
		{"SESSION_SECRET", gen(r, hexLower, 64), "high-entropy value"},
		{"APP_KEY", "base64:" + gen(r, b64, 43) + "=", "high-entropy value"},
		{"DB_PASSWORD", gen(r, alnum, 24), "high-entropy value"},
		{"ENCRYPTION_KEY", gen(r, hexLower, 32), "high-entropy value"},
		{"webhookSecret", "whsec_" + gen(r, alnum, 32), "Stripe webhook signing secret"},
		{"SECRET_KEY_BASE", gen(r, hexLower, 128), "high-entropy value"},
		{"API_TOKEN", gen(r, urlSafe, 40), "high-entropy value"},
	}
}

// TestDetect_Samples requires every format-valid synthetic credential to be
// found, with the right kind, over several random draws.
func TestDetect_Samples(t *testing.T) {
	total := 0
	for seed := range uint64(5) {
		r := rand.New(rand.NewPCG(seed, 42))
		for _, s := range samples(r) {
			total++
			kind, ok := secret.Detect(s.key, s.value)
			if !ok || kind != s.want {
				t.Errorf("seed %d: Detect(%s, <%d bytes>) = %q, %v; want %q", seed, s.key, len(s.value), kind, ok, s.want)
			}
			if strings.Contains(kind, s.value) {
				t.Errorf("kind %q contains the value", kind)
			}
		}
	}
	t.Logf("%d samples detected", total)
}

// TestDetect_Placeholders requires zero findings on documentation values.
func TestDetect_Placeholders(t *testing.T) {
	placeholders := []struct{ key, value string }{
		{"API_KEY", ""},
		{"API_KEY", "change-me"},
		{"API_KEY", "changeme"},
		{"API_KEY", "CHANGE_ME"},
		{"API_KEY", "<your-key>"},
		{"API_KEY", "xxx"},
		{"API_KEY", "xxxxxxxxxxxxxxxxxxxxxxxx"},
		{"API_KEY", "example"},
		{"API_KEY", "your_api_key_here"},
		{"API_KEY", "your-api-key"},
		{"API_KEY", "${API_KEY}"},
		{"API_KEY", "{{ .Data.data.API_KEY }}"},
		{"API_KEY", "********"},
		{"API_KEY", "TODO"},
		{"API_KEY", "null"},
		{"API_KEY", "dummy-key-for-tests"},
		{"API_KEY", "fake"},
		{"AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"},
		{"AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
		{"AWS_SECRET_ACCESS_KEY", "your-secret-access-key"},
		{"STRIPE_SECRET_KEY", "sk_test_..."},
		{"STRIPE_SECRET_KEY", "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx"},
		{"STRIPE_SECRET_KEY", "sk_live_your_key_here"},
		{"STRIPE_PUBLISHABLE_KEY", "pk_test_" + strings.Repeat("Ab1", 10)},
		{"GITHUB_TOKEN", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},
		{"GITHUB_TOKEN", "ghp_..."},
		{"SLACK_BOT_TOKEN", "xoxb-your-token"},
		{"TLS_KEY", "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----"},
		{"JWT_SECRET", "my-super-secret-jwt-key"},
		{"JWT_SECRET", "dev-jwt-signing-key-not-for-prod"},
		{"JWT_SECRET", "supersecret"},
		{"SESSION_SECRET", "0000000000000000000000000000000000000000"},
		{"DB_PASSWORD", "postgres"},
		{"DB_PASSWORD", "password"},
		{"DB_PASSWORD", "dev"},
		{"DATABASE_URL", "postgres://postgres:postgres@localhost:5432/app"},
		{"DATABASE_URL", "postgres://app:s3cr3tP4ssw0rdXyZ@127.0.0.1:5432/app"},
		{"DATABASE_URL", "postgres://app:s3cr3tP4ssw0rdXyZ@db:5432/app?sslmode=disable"},
		{"DATABASE_URL", "postgresql://user:password@db.example.com:5432/app"},
		{"DATABASE_URL", "postgres://app:app@postgres/app"},
		{"DATABASE_URL", "postgres://app@db.prod.acme.io/app"},
		{"DATABASE_URL", "postgres://app:${DB_PASSWORD}@db.prod.acme.io/app"},
		{"REDIS_URL", "redis://:redis@redis:6379/0"},
		{"REDIS_URL", "redis://localhost:6379"},
		{"MONGO_URI", "mongodb://root:example@mongo:27017"},
		{"AMQP_URL", "amqp://guest:guest@rabbitmq:5672/"},
		{"MYSQL_DSN", "root:root@tcp(localhost:3306)/app"},
		{"MYSQL_DSN", "app:Xy7pQ2mN9vB4kL8w@tcp(mysql:3306)/app"},
		{"PG_CONN", "host=localhost user=app password=Xy7pQ2mN9vB4kL8w dbname=app"},
		{"SENTRY_DSN", "https://" + strings.Repeat("ab12", 8) + "@o0.ingest.sentry.io/0"},
		{"ACCESS_TOKEN_EXPIRE_MINUTES", "30"},
		{"TOKEN_TTL", "15m"},
		{"PASSWORD_MIN_LENGTH", "12"},
		{"LOG_LEVEL", "info"},
		{"APP_URL", "http://localhost:8080"},
		{"REQUEST_ID_HEADER", "X-Request-Id"},
		{"COMMIT_SHA", "3f786850e387550fdab836ed7e6dc881de23001b"}, // hex, but not a secret name
		{"BUILD_ID", "Zq8xT4mW2pL9vN6kR3sB7yC1"},                   // random, but not a secret name
		{"FEATURE_FLAGS", "a,b,c"},
	}
	for _, p := range placeholders {
		if kind, ok := secret.Detect(p.key, p.value); ok {
			t.Errorf("Detect(%s, %q) = %q, want no finding", p.key, p.value, kind)
		}
	}
}

func TestLooksSecretName(t *testing.T) {
	str := lint.Type{Name: "string", Kind: lint.KindString}
	integer := lint.Type{Name: "int", Kind: lint.KindInt}
	dur := lint.Type{Name: "time.Duration", Kind: lint.KindDuration}
	url := lint.Type{Name: "url.URL", Kind: lint.KindURL}
	bytes := lint.Type{Name: "[]byte", Kind: lint.KindSlice, Elem: &lint.Type{Name: "byte", Kind: lint.KindUint, Bits: 8}}
	tests := []struct {
		name string
		t    lint.Type
		want bool
	}{
		{"JWT_SECRET", str, true},
		{"DB_PASSWORD", str, true},
		{"MYSQL_PWD", str, true},
		{"DB_PASS", str, true},
		{"SMTP_PASSWD", str, true},
		{"GITHUB_TOKEN", str, true},
		{"API_KEY", str, true},
		{"APIKey", str, true},
		{"apiKey", str, true},
		{"STRIPE_SECRET_KEY", str, true},
		{"PRIVATE_KEY", bytes, true},
		{"SIGNING_KEY", str, true},
		{"GOOGLE_APPLICATION_CREDENTIALS_JSON", str, true},
		{"SENTRY_DSN", str, true},
		{"DatabaseDSN", url, true},
		{"SECRET_KEY_BASE", str, true},
		{"AUTHTOKEN", str, true},
		{"ACCESS_TOKEN_EXPIRE_MINUTES", integer, false},
		{"ACCESS_TOKEN_EXPIRE_MINUTES", str, false},
		{"TOKEN_TTL", dur, false},
		{"PASSWORD_MIN_LENGTH", integer, false},
		{"SECRET_MANAGER", str, false},
		{"SECRET_FILESYSTEM_ROOT", str, false},
		{"TOKEN_SOURCE", str, false},
		{"PASSWORD_MIN_LENGTH", str, false},
		{"JWT_SECRET_FILE", str, false},
		{"TOKEN_URL", str, false},
		{"API_KEY_HEADER", str, false},
		{"API_KEY_ID", str, false},
		{"PASS_THROUGH_HEADERS", str, false},
		{"BYPASS", str, false},
		{"KEYSPACE", str, false},
		{"CACHE_KEY", str, false},
		{"PASSWORD_HASH_COST", integer, false},
		{"TOKEN_LIMIT", integer, false},
		{"SECRET_ENABLED", lint.Type{Name: "bool", Kind: lint.KindBool}, false},
		{"LOG_LEVEL", str, false},
		{"DATABASE_URL", str, false},
	}
	for _, tt := range tests {
		if got := secret.LooksSecretName(tt.name, tt.t); got != tt.want {
			t.Errorf("LooksSecretName(%q, %s) = %v, want %v", tt.name, tt.t.Name, got, tt.want)
		}
	}
}

func TestRedact(t *testing.T) {
	got := []string{secret.Redact(""), secret.Redact("x"), secret.Redact("hunter2")}
	want := []string{"<redacted, 0 bytes>", "<redacted, 1 byte>", "<redacted, 7 bytes>"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Redact mismatch (-want +got):\n%s", diff)
	}
}

func FuzzDetect(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, s := range samples(r) {
		f.Add(s.key, s.value)
	}
	f.Add("API_KEY", `""`)
	f.Add("DATABASE_URL", "postgres://a:b@[::1")
	f.Fuzz(func(t *testing.T, name, value string) {
		kind, _ := secret.Detect(name, value) // must not panic
		if len(value) >= 8 && strings.Contains(kind, value) {
			t.Errorf("kind %q contains the value", kind)
		}
		_ = secret.LooksSecretName(name, lint.Type{Kind: lint.KindString})
	})
}
