package secret_test

import (
	"encoding/base64"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/envlint/envlint/internal/secret"
)

// The corpus below measures detection: a realistic fake token per vendor
// format, generated at test time from the vendor's documented shape
// (prefix, alphabet, length, checksum) with a fixed seed, and the
// placeholders real example files use. No real token is committed, and no
// token-shaped literal either: every fake is assembled when the test runs.
// docs/secrets.md reports the figures TestCorpus logs.

const (
	lowerHex = "0123456789abcdef"
	upperHex = "0123456789ABCDEF"
	digits   = "0123456789"
	letters  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	upperAN  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	lowerAN  = "abcdefghijklmnopqrstuvwxyz0123456789"
	bech32   = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
)

// checksummed builds a GitHub (2021) or npm token: 30 random base62
// characters, then the CRC32 of those in base62, padded to 6. The encoding
// is written here from GitHub's description, independently of envlint's.
func checksummed(r *rand.Rand, prefix string) string {
	body := gen(r, alnum, 30)
	n := crc32.ChecksumIEEE([]byte(body))
	const digits62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	sum := ""
	for ; n > 0; n /= 62 {
		sum = string(digits62[n%62]) + sum
	}
	return prefix + body + strings.Repeat("0", 6-len(sum)) + sum
}

func uuid(r *rand.Rand) string {
	return gen(r, lowerHex, 8) + "-" + gen(r, lowerHex, 4) + "-" + gen(r, lowerHex, 4) + "-" + gen(r, lowerHex, 4) + "-" + gen(r, lowerHex, 12)
}

// jwtSeg is a base64url JSON segment, "eyJ…".
func jwtSeg(json string) string { return base64.RawURLEncoding.EncodeToString([]byte(json)) }

// shape is one vendor format: the key it is usually set on, the kind
// Detect must report, and how the vendor builds a token.
type shape struct {
	key, kind string
	make      func(r *rand.Rand) string
}

// p is a shape of a prefix followed by n characters of alphabet, and more.
func p(prefix, alphabet string, n int, rest ...string) func(r *rand.Rand) string {
	return func(r *rand.Rand) string { return prefix + gen(r, alphabet, n) + strings.Join(rest, "") }
}

func shapes() []shape {
	// Prefixes that push-protection scanners know are split, so that the
	// source holds no token-shaped literal even before the random part.
	j := func(parts ...string) string { return strings.Join(parts, "") }
	return []shape{
		{"TLS_KEY", "private key block", func(r *rand.Rand) string {
			return j("-----BEGIN ", "RSA PRIVATE KEY-----\\n") + gen(r, b64, 64) + "\\n-----END RSA PRIVATE KEY-----"
		}},
		{"GOOGLE_CREDENTIALS", "GCP service account key", func(r *rand.Rand) string {
			return `{"type": "service_account", "project_id": "p-` + gen(r, lowerAN, 6) + `"}`
		}},
		{"AGE_KEY", "age secret key", func(r *rand.Rand) string { return j("AGE-SECRET-", "KEY-1") + strings.ToUpper(gen(r, bech32, 58)) }},
		{"OP_SERVICE_ACCOUNT_TOKEN", "1Password service account token", func(r *rand.Rand) string {
			return j("ops", "_") + jwtSeg(`{"signInAddress":"my.1password.com","userAuth":{"method":"SRPg-4096","alg":"PBES2g-HS256","iterations":650000,"salt":"`+gen(r, alnum, 22)+`"},"email":"`+gen(r, lowerAN, 26)+`@1passwordserviceaccounts.com","srpX":"`+gen(r, lowerHex, 64)+`","muk":{}}`)
		}},
		{"AWS_ACCESS_KEY_ID", "AWS access key ID", p(j("AK", "IA"), upperDigits, 16)},
		{"AWS_SESSION_KEY_ID", "AWS access key ID", p(j("AS", "IA"), upperDigits, 16)},
		{"AWS_SECRET_ACCESS_KEY", "AWS secret access key", p("", b64, 40)},
		{"AWS_BEARER_TOKEN_BEDROCK", "Amazon Bedrock API key", p(j("AB", "SK"), b64, 132)},
		{"GOOGLE_API_KEY", "GCP API key", p(j("AI", "za"), urlSafe, 35)},
		{"GOOGLE_CLIENT_SECRET", "Google OAuth client secret", p(j("GOCSPX", "-"), urlSafe, 28)},
		{"GOOGLE_ACCESS_TOKEN", "Google OAuth access token", p(j("ya29", "."), urlSafe, 120)},
		{"AZURE_STORAGE_CONNECTION_STRING", "Azure storage account key", func(r *rand.Rand) string {
			return "DefaultEndpointsProtocol=https;AccountName=acct" + gen(r, lowerAN, 6) + ";AccountKey=" + gen(r, b64, 86) + "==;EndpointSuffix=core.windows.net"
		}},
		{"AZURE_CLIENT_SECRET", "Azure client secret", func(r *rand.Rand) string { return gen(r, alnum, 3) + "8Q~" + gen(r, alnum, 34) }},
		{"BLOB_SAS_URL", "Azure SAS token", func(r *rand.Rand) string {
			return "https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sig=" + gen(r, alnum, 43) + "%3D"
		}},
		{"ALIBABA_CLOUD_ACCESS_KEY_ID", "Alibaba Cloud AccessKey ID", p(j("LT", "AI"), alnum, 20)},
		{"TENCENTCLOUD_SECRET_ID", "Tencent Cloud SecretId", p(j("AK", "ID"), alnum, 32)},
		{"DIGITALOCEAN_TOKEN", "DigitalOcean token", p(j("dop", "_v1_"), lowerHex, 64)},
		{"DO_OAUTH_TOKEN", "DigitalOcean token", p(j("doo", "_v1_"), lowerHex, 64)},
		{"CLOUDFLARE_API_TOKEN", "Cloudflare API token", p("", urlSafe, 40)},
		{"HEROKU_API_KEY", "Heroku API key", p(j("HRKU", "-AA"), urlSafe, 58)},
		{"FLY_API_TOKEN", "Fly.io token", p(j("fo1", "_"), urlSafe, 43)},
		{"DATABRICKS_TOKEN", "Databricks token", p(j("da", "pi"), lowerHex, 32)},
		{"SCALINGO_API_TOKEN", "Scalingo API token", p(j("tk-", "us-"), urlSafe, 48)},
		{"GITHUB_TOKEN", "GitHub token", func(r *rand.Rand) string { return checksummed(r, j("gh", "p_")) }},
		{"GH_OAUTH_TOKEN", "GitHub token", func(r *rand.Rand) string { return checksummed(r, j("gh", "o_")) }},
		{"GITHUB_PAT", "GitHub token", func(r *rand.Rand) string { return j("github", "_pat_") + gen(r, alnum, 22) + "_" + gen(r, alnum, 59) }},
		{"GITLAB_TOKEN", "GitLab token", p(j("gl", "pat-"), urlSafe, 20)},
		{"GITLAB_RUNNER_TOKEN", "GitLab token", p(j("gl", "rt-"), urlSafe, 20)},
		{"BITBUCKET_APP_PASSWORD", "Bitbucket app password", p(j("AT", "BB"), alnum, 32)},
		{"JIRA_API_TOKEN", "Atlassian API token", p(j("ATA", "TT3"), urlSafe, 186)},
		{"NPM_TOKEN", "npm access token", func(r *rand.Rand) string { return checksummed(r, j("np", "m_")) }},
		{"PYPI_TOKEN", "PyPI API token", func(r *rand.Rand) string {
			return j("py", "pi-") + base64.RawURLEncoding.EncodeToString([]byte("\x02\x01\x08pypi.org\x02\x25\x08\x01\x12\x20"+gen(r, alnum, 64)))
		}},
		{"DOCKERHUB_TOKEN", "Docker Hub access token", p(j("dckr", "_pat_"), urlSafe, 27)},
		{"ARTIFACTORY_API_KEY", "JFrog API key", p(j("AK", "Cp"), alnum, 69)},
		{"BUILDKITE_API_TOKEN", "Buildkite API token", p(j("bk", "ua_"), lowerHex, 40)},
		{"CIRCLECI_TOKEN", "CircleCI personal API token", func(r *rand.Rand) string {
			return j("CCI", "PAT_") + gen(r, alnum, 22) + "_" + gen(r, lowerHex, 40)
		}},
		{"SONAR_TOKEN", "SonarQube token", p(j("sq", "p_"), lowerHex, 40)},
		{"SRC_ACCESS_TOKEN", "Sourcegraph access token", func(r *rand.Rand) string { return j("sg", "p_") + gen(r, lowerHex, 16) + "_" + gen(r, lowerHex, 40) }},
		{"OCTOPUS_API_KEY", "Octopus Deploy API key", p(j("AP", "I-"), upperAN, 26)},
		{"HARNESS_API_KEY", "Harness access token", func(r *rand.Rand) string {
			return j("pa", "t.") + gen(r, urlSafe, 22) + "." + gen(r, alnum, 24) + "." + gen(r, alnum, 20)
		}},
		{"VAULT_TOKEN", "HashiCorp Vault token", p(j("hv", "s."), urlSafe, 90)},
		{"TFE_TOKEN", "Terraform Cloud token", func(r *rand.Rand) string {
			return gen(r, alnum, 14) + j(".atlas", "v1.") + gen(r, urlSafe, 67)
		}},
		{"PULUMI_ACCESS_TOKEN", "Pulumi access token", p(j("pu", "l-"), lowerHex, 40)},
		{"DOPPLER_TOKEN", "Doppler token", p(j("dp", ".st."), alnum, 43)},
		{"VERCEL_TOKEN", "Vercel token", p("", alnum, 24)},
		{"NETLIFY_AUTH_TOKEN", "Netlify access token", p(j("nf", "p_"), alnum, 36)},
		{"PLANETSCALE_SERVICE_TOKEN", "PlanetScale token", p(j("pscale", "_tkn_"), urlSafe, 43)},
		{"SUPABASE_ACCESS_TOKEN", "Supabase access token", p(j("sb", "p_"), lowerHex, 40)},
		{"SUPABASE_SECRET_KEY", "Supabase secret key", p(j("sb_", "secret_"), urlSafe, 32)},
		{"TS_AUTHKEY", "Tailscale key", func(r *rand.Rand) string {
			return j("tskey", "-auth-") + "k" + gen(r, alnum, 10) + "CNTRL-" + gen(r, alnum, 33)
		}},
		{"INFRACOST_API_KEY", "Infracost API key", p(j("ic", "o-"), alnum, 32)},
		{"PREFECT_API_KEY", "Prefect API key", p(j("pn", "u_"), alnum, 36)},
		{"GRAFANA_SA_TOKEN", "Grafana service account token", func(r *rand.Rand) string {
			return j("gl", "sa_") + gen(r, alnum, 32) + "_" + gen(r, lowerHex, 8)
		}},
		{"GRAFANA_CLOUD_TOKEN", "Grafana Cloud token", func(r *rand.Rand) string {
			return j("gl", "c_") + base64.StdEncoding.EncodeToString([]byte(`{"o":"`+gen(r, digits, 6)+`","n":"stack-`+gen(r, digits, 6)+`","k":"`+gen(r, alnum, 24)+`","m":{"r":"prod-us-east-0"}}`))
		}},
		{"DD_API_KEY", "Datadog API or application key", p("", lowerHex, 32)},
		{"DATADOG_APP_KEY", "Datadog API or application key", p("", lowerHex, 40)},
		{"NEW_RELIC_API_KEY", "New Relic key", p(j("NR", "AK-"), upperAN, 27)},
		{"SENTRY_AUTH_TOKEN", "Sentry auth token", p(j("sntr", "yu_"), lowerHex, 64)},
		{"DT_API_TOKEN", "Dynatrace API token", func(r *rand.Rand) string {
			return j("dt0", "c01.") + gen(r, upperAN, 24) + "." + gen(r, upperAN, 64)
		}},
		{"OPENAI_API_KEY", "OpenAI API key", p(j("sk-", "proj-"), urlSafe, 156)},
		{"OPENAI_API_KEY", "OpenAI API key", func(r *rand.Rand) string {
			return j("sk", "-") + gen(r, alnum, 20) + j("T3Blbk", "FJ") + gen(r, alnum, 20)
		}},
		{"ANTHROPIC_API_KEY", "Anthropic API key", p(j("sk-ant", "-api03-"), urlSafe, 93, "AA")},
		{"OPENROUTER_API_KEY", "OpenRouter API key", p(j("sk-or", "-v1-"), lowerHex, 64)},
		{"HF_TOKEN", "Hugging Face token", p(j("h", "f_"), letters, 34)},
		{"XAI_API_KEY", "xAI API key", p(j("xa", "i-"), alnum, 80)},
		{"GROQ_API_KEY", "Groq API key", p(j("gs", "k_"), alnum, 52)},
		{"PERPLEXITY_API_KEY", "Perplexity API key", p(j("pp", "lx-"), alnum, 48)},
		{"REPLICATE_API_TOKEN", "Replicate API token", p(j("r", "8_"), alnum, 37)},
		{"LANGSMITH_API_KEY", "LangSmith API key", func(r *rand.Rand) string {
			return j("lsv2", "_pt_") + gen(r, lowerHex, 32) + "_" + gen(r, lowerHex, 10)
		}},
		{"ELEVENLABS_API_KEY", "ElevenLabs API key", p(j("s", "k_"), lowerHex, 48)},
		{"DEEPSEEK_API_KEY", "DeepSeek API key", p(j("s", "k-"), lowerHex, 32)},
		{"MISTRAL_API_KEY", "Mistral API key", p("", alnum, 32)},
		{"COHERE_API_KEY", "Cohere API key", p("", alnum, 40)},
		{"STRIPE_SECRET_KEY", "Stripe secret key", p(j("sk", "_live_"), alnum, 99)},
		{"STRIPE_RESTRICTED_KEY", "Stripe secret key", p(j("rk", "_test_"), alnum, 24)},
		{"STRIPE_WEBHOOK_SECRET", "Stripe webhook signing secret", p(j("wh", "sec_"), alnum, 32)},
		{"SQUARE_ACCESS_TOKEN", "Square access token", p(j("EA", "AA"), urlSafe, 60)},
		{"SQUARE_OAUTH_SECRET", "Square OAuth secret", p(j("sq0", "csp-"), urlSafe, 43)},
		{"BRAINTREE_ACCESS_TOKEN", "Braintree access token", func(r *rand.Rand) string {
			return j("access_token$", "production$") + gen(r, lowerAN, 16) + "$" + gen(r, lowerHex, 32)
		}},
		{"SHOPIFY_ACCESS_TOKEN", "Shopify access token", p(j("shp", "at_"), lowerHex, 32)},
		{"SHOPIFY_API_SECRET", "Shopify access token", p(j("shp", "ss_"), lowerHex, 32)},
		{"SHIPPO_API_TOKEN", "Shippo API token", p(j("shippo", "_live_"), lowerHex, 40)},
		{"FLW_SECRET_KEY", "Flutterwave secret key", p(j("FLW", "SECK-"), lowerHex, 32, "-X")},
		{"PLAID_ACCESS_TOKEN", "Plaid access token", func(r *rand.Rand) string { return j("access-", "production-") + uuid(r) }},
		{"SLACK_BOT_TOKEN", "Slack token", func(r *rand.Rand) string {
			return j("xo", "xb-") + gen(r, digits, 12) + "-" + gen(r, digits, 13) + "-" + gen(r, alnum, 24)
		}},
		{"SLACK_APP_TOKEN", "Slack app-level token", func(r *rand.Rand) string {
			return j("xa", "pp-1-") + "A" + gen(r, upperAN, 10) + "-" + gen(r, digits, 13) + "-" + gen(r, lowerHex, 64)
		}},
		{"SLACK_WEBHOOK_URL", "Slack webhook URL", func(r *rand.Rand) string {
			return j("https://hooks.", "slack.com/services/T") + gen(r, upperAN, 8) + "/B" + gen(r, upperAN, 10) + "/" + gen(r, alnum, 24)
		}},
		{"DISCORD_WEBHOOK_URL", "Discord webhook URL", func(r *rand.Rand) string {
			return j("https://discord.com/api/", "webhooks/") + gen(r, digits, 19) + "/" + gen(r, urlSafe, 68)
		}},
		{"TELEGRAM_BOT_TOKEN", "Telegram bot token", func(r *rand.Rand) string { return gen(r, digits, 10) + ":AA" + gen(r, urlSafe, 33) }},
		{"TWILIO_API_KEY", "Twilio API key", p(j("S", "K"), lowerHex, 32)},
		{"TWILIO_AUTH_TOKEN", "Twilio auth token", p("", lowerHex, 32)},
		{"SENDGRID_API_KEY", "SendGrid API key", func(r *rand.Rand) string { return j("S", "G.") + gen(r, urlSafe, 22) + "." + gen(r, urlSafe, 43) }},
		{"MAILGUN_API_KEY", "Mailgun API key", p(j("ke", "y-"), lowerHex, 32)},
		{"MAILCHIMP_API_KEY", "Mailchimp API key", p("", lowerHex, 32, "-us21")},
		{"POSTMARK_SERVER_TOKEN", "Postmark server token", uuid},
		{"RESEND_API_KEY", "Resend API key", func(r *rand.Rand) string { return j("r", "e_") + gen(r, alnum, 8) + "_" + gen(r, alnum, 24) }},
		{"LINEAR_API_KEY", "Linear API key", p(j("lin", "_api_"), alnum, 40)},
		{"NOTION_TOKEN", "Notion integration token", func(r *rand.Rand) string { return j("nt", "n_") + gen(r, digits, 11) + gen(r, alnum, 35) }},
		{"NOTION_API_KEY", "Notion integration token", p(j("secret", "_"), alnum, 43)},
		{"AIRTABLE_TOKEN", "Airtable access token", func(r *rand.Rand) string { return j("pa", "t") + gen(r, alnum, 14) + "." + gen(r, lowerHex, 64) }},
		{"FIGMA_TOKEN", "Figma access token", p(j("fig", "d_"), urlSafe, 40)},
		{"CONTENTFUL_MANAGEMENT_TOKEN", "Contentful management token", p(j("CF", "PAT-"), urlSafe, 43)},
		{"POSTMAN_API_KEY", "Postman API key", func(r *rand.Rand) string { return j("PM", "AK-") + gen(r, lowerHex, 24) + "-" + gen(r, lowerHex, 34) }},
		{"FRAMEIO_TOKEN", "Frame.io token", p(j("fio", "-u-"), urlSafe, 64)},
		{"LAUNCHDARKLY_SDK_KEY", "LaunchDarkly key", func(r *rand.Rand) string { return j("sd", "k-") + uuid(r) }},
		{"MAPBOX_SECRET_TOKEN", "Mapbox secret token", func(r *rand.Rand) string {
			return j("s", "k.") + jwtSeg(`{"u":"`+gen(r, lowerAN, 8)+`","a":"`+gen(r, alnum, 25)+`"}`) + "." + gen(r, urlSafe, 22)
		}},
		{"FACEBOOK_ACCESS_TOKEN", "Facebook access token", p(j("EA", "AC"), alnum, 180)},
		{"TWITTER_BEARER_TOKEN", "Twitter bearer token", func(r *rand.Rand) string {
			return strings.Repeat("A", 21) + gen(r, alnum, 30) + "%3D" + gen(r, alnum, 50)
		}},
		{"OKTA_API_TOKEN", "Okta API token", p("00", urlSafe, 40)},
		{"ALGOLIA_ADMIN_API_KEY", "Algolia admin key", p("", lowerHex, 32)},
		{"ID_TOKEN", "JSON Web Token", func(r *rand.Rand) string {
			return jwtSeg(`{"alg":"HS256","typ":"JWT"}`) + "." + jwtSeg(`{"sub":"`+gen(r, alnum, 12)+`","iat":1700000000}`) + "." + gen(r, urlSafe, 43)
		}},
	}
}

// TestCorpus_Recall requires every format to be detected with its kind,
// over ten draws, and every format Detect knows to be in the corpus.
func TestCorpus_Recall(t *testing.T) {
	covered := map[string]bool{}
	total, found := 0, 0
	for seed := range uint64(10) {
		r := rand.New(rand.NewPCG(seed, 7))
		for _, s := range shapes() {
			v := s.make(r)
			total++
			kind, ok := secret.Detect(s.key, v)
			if ok && kind == s.kind {
				found++
				covered[kind] = true
				continue
			}
			t.Errorf("seed %d: Detect(%s, <%d bytes>) = %q, %v; want %q", seed, s.key, len(v), kind, ok, s.kind)
		}
	}
	kinds := secret.Kinds()
	for _, k := range kinds {
		if !covered[k] {
			t.Errorf("format %q has no sample in the corpus", k)
		}
	}
	if len(kinds) < 60 {
		t.Errorf("%d formats, want at least 60", len(kinds))
	}
	t.Logf("recall: %d/%d fake tokens, %d/%d formats", found, total, len(covered), len(kinds))
}

// standIns builds, per shape, what documentation writes in its place: the
// vendor's fixed prefix (what two draws share) followed by a typed body of
// the same length: x repeated, a counting run, a short pattern.
func standIns(s shape) []string {
	a := s.make(rand.New(rand.NewPCG(1, 1)))
	b := s.make(rand.New(rand.NewPCG(2, 2)))
	start := 0
	for start < len(a) && start < len(b) && a[start] == b[start] {
		start++
	}
	if start == 0 {
		return nil // no prefix: realPlaceholders covers these
	}
	var out []string
	for _, fill := range []func(i int) byte{
		func(int) byte { return 'x' },
		func(i int) byte { return "0123456789abcdef"[i%16] },
		func(i int) byte { return "abc123"[i%6] },
	} {
		t := []byte(a)
		for i := start; i < len(t); i++ {
			if isAlnum(t[i]) {
				t[i] = fill(i - start)
			}
		}
		out = append(out, string(t))
	}
	return out
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// realPlaceholders are values from example files (.env.example, README
// snippets, docker-compose defaults) that stand in for a credential,
// including the credentials vendors publish for local development.
func realPlaceholders() [][2]string {
	j := func(parts ...string) string { return strings.Join(parts, "") }
	return [][2]string{
		{"OPENROUTER_API_KEY", j("sk-or", "-v1-your-key-here")},
		{"OPENROUTER_API_KEY", j("sk-or", "-v1-...")},
		{"OPENAI_API_KEY", j("sk-", "proj-...")},
		{"OPENAI_API_KEY", j("sk-", "your-openai-api-key")},
		{"OPENAI_API_KEY", j("sk-", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")},
		{"ANTHROPIC_API_KEY", j("sk-ant", "-api03-...")},
		{"ANTHROPIC_API_KEY", j("sk-ant", "-your-key")},
		{"HF_TOKEN", j("h", "f_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")},
		{"HF_TOKEN", j("h", "f_yourhuggingfacetokengoesinthisslot")},
		{"GROQ_API_KEY", j("gs", "k_...")},
		{"XAI_API_KEY", j("xa", "i-...")},
		{"GITHUB_TOKEN", j("gh", "p_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")},
		{"GITHUB_TOKEN", j("gh", "p_") + "16C7e42F292c6912E7710c838347Ae178B4a"}, // well-formed but the checksum fails: typed, not issued
		{"NPM_TOKEN", j("np", "m_") + "abcdefghijklmnopqrstuvwxyz0123456789"},
		{"NPM_TOKEN", "${NPM_TOKEN}"},
		{"STRIPE_SECRET_KEY", j("sk", "_test_") + "4eC39HqLyjWDarjtT1zdp7dc"}, // Stripe's API reference sample key
		{"STRIPE_SECRET_KEY", j("sk", "_test_...")},
		{"STRIPE_WEBHOOK_SECRET", j("wh", "sec_...")},
		{"AWS_ACCESS_KEY_ID", j("AK", "IAIOSFODNN7EXAMPLE")},
		{"AWS_SECRET_ACCESS_KEY", j("wJalrXUtnFEMI/K7MDENG/", "bPxRfiCYEXAMPLEKEY")},
		{"AWS_ACCESS_KEY_ID", "test"}, // LocalStack
		{"AWS_SECRET_ACCESS_KEY", "test"},
		{"MINIO_ROOT_USER", "minioadmin"},
		{"MINIO_ROOT_PASSWORD", "minioadmin"},
		{"AZURE_STORAGE_CONNECTION_STRING", "UseDevelopmentStorage=true"},
		{"AZURE_STORAGE_KEY", j("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq", "/K1SZFPTOtr/KBHBeksoGMGw==")},
		{"AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" +
			j("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq", "/K1SZFPTOtr/KBHBeksoGMGw==") + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"},
		{"COSMOS_CONNECTION_STRING", "AccountEndpoint=https://localhost:8081/;AccountKey=" + strings.Repeat("Q3k", 29) + "A=="},
		{"VAULT_TOKEN", "root"}, // vault server -dev
		{"VAULT_DEV_ROOT_TOKEN_ID", "myroot"},
		{"JWT", jwtSeg(`{"alg":"HS256","typ":"JWT"}`) + "." + jwtSeg(`{"sub":"1234567890","name":"John Doe","iat":1516239022}`) + "." + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"},                              // jwt.io
		{"SUPABASE_SERVICE_ROLE_KEY", jwtSeg(`{"alg":"HS256","typ":"JWT"}`) + "." + jwtSeg(`{"iss":"supabase-demo","role":"service_role","exp":1983812996}`) + "." + "EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU"}, // supabase start
		{"SLACK_BOT_TOKEN", j("xo", "xb-your-bot-token")},
		{"SLACK_WEBHOOK_URL", j("https://hooks.", "slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX")},
		{"DISCORD_WEBHOOK_URL", j("https://discord.com/api/", "webhooks/123456789/your-webhook-token")},
		{"TELEGRAM_BOT_TOKEN", "123456789:ABCdefGhIJKlmNoPQRsTUVwxyZ"},
		{"SENDGRID_API_KEY", j("S", "G.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")},
		{"DIGITALOCEAN_TOKEN", j("dop", "_v1_") + strings.Repeat("0", 64)},
		{"LINEAR_API_KEY", j("lin", "_api_...")},
		{"DATABASE_URL", "postgres://postgres:postgres@localhost:5432/app"},
		{"REDIS_URL", "redis://redis:6379"},
		{"API_KEY", "changeme"},
		{"API_KEY", "<your-api-key>"},
		{"SECRET_KEY", "your-secret-key"},
		{"JWT_SECRET", "super-secret-jwt-key"},
		{"DD_API_KEY", "<DATADOG_API_KEY>"},
		{"CLOUDFLARE_API_TOKEN", "your_cloudflare_api_token"},
		{"VERCEL_TOKEN", ""},
		{"MISTRAL_API_KEY", "your-mistral-key"},
		{"MISTRAL_API_KEY", strings.Repeat("x", 32)},
		{"COHERE_API_KEY", "0123456789abcdefghijklmnopqrstuvwxyzABCD"},
		{"CLOUDFLARE_API_TOKEN", strings.Repeat("abc123", 6) + "abcd"},
		{"OKTA_API_TOKEN", "00" + strings.Repeat("x", 40)},
		{"POSTMARK_SERVER_TOKEN", "00000000-0000-0000-0000-000000000000"},
		{"TWILIO_AUTH_TOKEN", "your_auth_token"},
		{"TWILIO_AUTH_TOKEN", strings.Repeat("0123456789abcdef", 2)},
		{"DD_API_KEY", strings.Repeat("a", 32)},
		{"ALGOLIA_ADMIN_API_KEY", strings.Repeat("f", 32)},
		{"DEEPSEEK_API_KEY", j("s", "k-") + strings.Repeat("0", 32)},
	}
}

// TestCorpus_Placeholders requires no finding on the placeholders of real
// example files, nor on each format's prefix followed by a typed body.
func TestCorpus_Placeholders(t *testing.T) {
	total, reported := 0, 0
	check := func(key, v string) {
		total++
		if kind, ok := secret.Detect(key, v); ok {
			reported++
			t.Errorf("Detect(%s, %q) = %q; want no finding", key, v, kind)
		}
	}
	for _, ph := range realPlaceholders() {
		check(ph[0], ph[1])
	}
	seen := map[string]bool{}
	for _, s := range shapes() {
		for _, v := range standIns(s) {
			if seen[v] || s.kind == "private key block" || s.kind == "GCP service account key" {
				continue // a shape without a generated part
			}
			seen[v] = true
			check(s.key, v)
		}
	}
	t.Logf("false positives: %d/%d placeholders", reported, total)
}

// TestCorpus_Kinds keeps the format list in docs/secrets.md honest: each
// kind is named there.
func TestCorpus_Kinds(t *testing.T) {
	doc := readDoc(t)
	for _, k := range secret.Kinds() {
		if !strings.Contains(doc, fmt.Sprintf("| %s |", k)) {
			t.Errorf("docs/secrets.md does not list %q in its format table", k)
		}
	}
}

func readDoc(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../docs/secrets.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
