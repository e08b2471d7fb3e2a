package secret

import (
	"hash/crc32"
	"regexp"
	"strings"
	"sync"
)

// format is a credential with a recognisable shape. Each shape is the
// vendor's documented token format (docs/secrets.md lists them with their
// sources); most carry a fixed prefix that makes false positives unlikely.
//
// When re has a capturing group, the group is the generated part of the
// token (what follows the vendor's prefix): that part alone is judged for
// randomness, so `sk-or-v1-` followed by 64 random hex digits is a key and
// `sk-or-v1-0123456789abcdef…` a stand-in.
type format struct {
	kind string
	re   *regexp.Regexp
	// name, when set, must match the key name too: the value alone is too
	// generic (a 40-character base64 string is only an AWS secret key when
	// the key says so).
	name *regexp.Regexp
	// check verifies the checksum the vendor builds into the token, when
	// it defines one; a token that fails it was typed, not issued.
	check func(token string) bool
	// literal is text every match starts with, found by a fast substring
	// search before the regexp runs; "" when the shape has none.
	literal string
}

// f builds a format; name may be "".
func f(kind, re, name string) format {
	ft := format{kind: kind, re: regexp.MustCompile(re), literal: leadingLiteral(re)}
	if name != "" {
		ft.name = regexp.MustCompile(name)
	}
	return ft
}

const (
	uuidRe = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`
)

// formats compiles on first use: envlint version and runs without example
// values should not pay for a hundred regexps at start-up. The order
// matters only where shapes overlap: the more specific comes first.
var formats = sync.OnceValue(func() []format {
	github := f("GitHub token", `\bgh[pousr]_([A-Za-z0-9]{36})\b`, "")
	github.check = base62CRC32
	npm := f("npm access token", `\bnpm_([A-Za-z0-9]{36})\b`, "")
	npm.check = base62CRC32
	return []format{
		// Key material.
		f("private key block", `-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----`, ""),
		f("GCP service account key", `"type"\s*:\s*"service_account"`, ""),
		f("age secret key", `\bAGE-SECRET-KEY-1([QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b`, ""),
		f("1Password service account token", `\bops_(eyJ[A-Za-z0-9+/]{250,}={0,3})`, ""),

		// Cloud providers.
		f("AWS access key ID", `\b(?:AKIA|ASIA|ABIA|ACCA)([A-Z2-7]{16})\b`, ""),
		f("AWS secret access key", `^([A-Za-z0-9/+]{40})$`, `(?i)(aws|amazon|s3).*(secret|key)|secret_?access_?key`),
		f("Amazon Bedrock API key", `\bABSK([A-Za-z0-9+/]{109,269}={0,2})`, ""),
		f("GCP API key", `\bAIza([0-9A-Za-z_\-]{35})(?:[^0-9A-Za-z_\-]|$)`, ""),
		f("Google OAuth client secret", `\bGOCSPX-([A-Za-z0-9_\-]{28})(?:[^A-Za-z0-9_\-]|$)`, ""),
		f("Google OAuth access token", `\bya29\.([A-Za-z0-9_\-]{30,})`, ""),
		f("Azure storage account key", `AccountKey=([A-Za-z0-9+/]{86}==)`, ""),
		f("Azure client secret", `\b[A-Za-z0-9_~.\-]{3}\dQ~([A-Za-z0-9_~.\-]{31,34})\b`, ""),
		f("Azure SAS token", `[?&]sig=([A-Za-z0-9%+/]{40,})`, ""),
		f("Alibaba Cloud AccessKey ID", `\bLTAI([A-Za-z0-9]{12,20})\b`, ""),
		f("Tencent Cloud SecretId", `\bAKID([A-Za-z0-9]{32})\b`, ""),
		f("DigitalOcean token", `\bdo[por]_v1_([0-9a-f]{64})\b`, ""),
		f("Cloudflare API token", `^([A-Za-z0-9_\-]{40})$`, `(?i)cloudflare|^CF_`),
		f("Heroku API key", `\bHRKU-AA([0-9A-Za-z_\-]{58})(?:[^0-9A-Za-z_\-]|$)`, ""),
		f("Fly.io token", `\b(?:fo1|fm2|fm1[ar])_([A-Za-z0-9+/_\-]{43,}={0,3})`, ""),
		f("Databricks token", `\bdapi([0-9a-f]{32})(?:-\d)?\b`, ""),
		f("Scalingo API token", `\btk-us-([A-Za-z0-9_\-]{48})(?:[^A-Za-z0-9_\-]|$)`, ""),

		// Source hosting, CI and package registries.
		github,
		f("GitHub token", `\bgithub_pat_([A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b`, ""),
		f("GitLab token", `\bgl(?:pat|dt|rt|ptt|ft|oas|cbt|imt|soat|agent|ffct)-([A-Za-z0-9_\-]{20,})`, ""),
		f("Bitbucket app password", `\bATBB([A-Za-z0-9_=.\-]{32})\b`, ""),
		f("Atlassian API token", `\bATATT3([A-Za-z0-9_=\-]{186})`, ""),
		npm,
		f("PyPI API token", `\bpypi-(AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_\-]{50,})`, ""),
		f("Docker Hub access token", `\bdckr_(?:pat|oat)_([A-Za-z0-9_\-]{27,})`, ""),
		f("JFrog API key", `\bAKCp([A-Za-z0-9]{69})\b`, ""),
		f("Buildkite API token", `\bbkua_([0-9a-f]{40})\b`, ""),
		f("CircleCI personal API token", `\bCCIPAT_([A-Za-z0-9]{22}_[0-9a-f]{40})\b`, ""),
		f("SonarQube token", `\bsq[apu]_([0-9a-f]{40})\b`, ""),
		f("Sourcegraph access token", `\bsgp_(?:[0-9a-f]{16}_)?([0-9a-f]{40})\b`, ""),
		f("Octopus Deploy API key", `\bAPI-([A-Z0-9]{26})\b`, ""),
		f("Harness access token", `\b(?:pat|sat)\.([A-Za-z0-9_\-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20})\b`, ""),

		// Infrastructure and platform.
		f("HashiCorp Vault token", `\bhv[sbr]\.([A-Za-z0-9_\-]{24,})`, ""),
		f("Terraform Cloud token", `\b[A-Za-z0-9]{14}\.atlasv1\.([A-Za-z0-9_=\-]{60,70})(?:[^A-Za-z0-9_=\-]|$)`, ""),
		f("Pulumi access token", `\bpul-([0-9a-f]{40})\b`, ""),
		f("Doppler token", `\bdp\.(?:pt|st|sa|ct|scim|audit)\.([A-Za-z0-9]{40,44})\b`, ""),
		f("Vercel token", `^([A-Za-z0-9]{24})$`, `(?i)vercel`),
		f("Netlify access token", `\bnfp_([A-Za-z0-9]{36})\b`, ""),
		f("PlanetScale token", `\bpscale_(?:tkn|pw|oauth)_([A-Za-z0-9_=.\-]{32,64})`, ""),
		f("Supabase access token", `\bsbp_([0-9a-f]{40})\b`, ""),
		f("Supabase secret key", `\bsb_secret_([A-Za-z0-9_\-]{31,})`, ""),
		f("Tailscale key", `\btskey-(?:auth|api|client|scim|webhook)-([A-Za-z0-9]+-[A-Za-z0-9]{20,})`, ""),
		f("Infracost API key", `\bico-([A-Za-z0-9]{32})\b`, ""),
		f("Prefect API key", `\bpnu_([A-Za-z0-9]{36})\b`, ""),

		// Observability.
		f("Grafana service account token", `\bglsa_([A-Za-z0-9]{32}_[0-9a-f]{8})\b`, ""),
		f("Grafana Cloud token", `\bglc_([A-Za-z0-9+/]{32,}={0,2})`, ""),
		f("Datadog API or application key", `^([0-9a-f]{32}|[0-9a-f]{40})$`, `(?i)datadog|^DD_`),
		f("New Relic key", `\bNR(?:AK|II)-([A-Za-z0-9_\-]{27,32})(?:[^A-Za-z0-9_\-]|$)`, ""),
		f("Sentry auth token", `\bsntryu_([0-9a-f]{64})\b`, ""),
		f("Sentry auth token", `\bsntrys_(eyJ[A-Za-z0-9+/=_]{40,})`, ""),
		f("Dynatrace API token", `\bdt0c01\.([A-Z0-9]{24}\.[A-Z0-9]{64})\b`, ""),

		// AI providers.
		f("OpenAI API key", `\bsk-(?:proj|svcacct|admin)-([A-Za-z0-9_\-]{40,})`, ""),
		f("OpenAI API key", `\bsk-([A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})\b`, ""),
		f("Anthropic API key", `\bsk-ant-(?:api|admin)\d\d-([A-Za-z0-9_\-]{93}AA)(?:[^A-Za-z0-9_\-]|$)`, ""),
		f("OpenRouter API key", `\bsk-or-v1-([0-9a-f]{64})\b`, ""),
		f("Hugging Face token", `\b(?:hf|api_org)_([A-Za-z]{34})\b`, ""),
		f("xAI API key", `\bxai-([A-Za-z0-9]{80})\b`, ""),
		f("Groq API key", `\bgsk_([A-Za-z0-9]{52})\b`, ""),
		f("Perplexity API key", `\bpplx-([A-Za-z0-9]{48})\b`, ""),
		f("Replicate API token", `\br8_([A-Za-z0-9]{37})\b`, ""),
		f("LangSmith API key", `\blsv2_(?:pt|sk)_([0-9a-f]{32}_[0-9a-f]{10})\b`, ""),
		f("ElevenLabs API key", `\bsk_([0-9a-f]{48})\b`, ""),
		f("DeepSeek API key", `^sk-([0-9a-f]{32})$`, `(?i)deepseek`),
		f("Mistral API key", `^([A-Za-z0-9]{32})$`, `(?i)mistral`),
		f("Cohere API key", `^([A-Za-z0-9]{40})$`, `(?i)cohere|^CO_API_KEY$`),

		// Payments and commerce.
		f("Stripe secret key", `\b(?:sk|rk)_(?:live|test)_([0-9A-Za-z]{24,})\b`, ""),
		f("Stripe webhook signing secret", `\bwhsec_([A-Za-z0-9+/]{32,})`, ""),
		f("Square access token", `\bEAAA([A-Za-z0-9_\-]{60})(?:[^A-Za-z0-9_\-]|$)`, ""),
		f("Square OAuth secret", `\bsq0csp-([0-9A-Za-z_\-]{43})(?:[^0-9A-Za-z_\-]|$)`, ""),
		f("Braintree access token", `access_token\$production\$([0-9a-z]{16}\$[0-9a-f]{32})`, ""),
		f("Shopify access token", `\bshp(?:at|ca|pa|ss)_([0-9a-fA-F]{32})\b`, ""),
		f("Shippo API token", `\bshippo_(?:live|test)_([0-9a-f]{40})\b`, ""),
		f("Flutterwave secret key", `\bFLWSECK(?:_TEST)?-([0-9a-f]{32})-X\b`, ""),
		f("Plaid access token", `\baccess-(?:sandbox|development|production)-(`+uuidRe+`)\b`, ""),

		// Messaging and email.
		f("Slack token", `\bxox[abposre]-([0-9A-Za-z\-]{10,})`, ""),
		f("Slack app-level token", `\bxapp-\d-([A-Z0-9]+-\d+-[a-f0-9]{64})\b`, ""),
		f("Slack webhook URL", `hooks\.slack\.com/(?:services|workflows)/T[A-Z0-9]+/[A-Z0-9]+/([A-Za-z0-9]{16,})`, ""),
		f("Discord webhook URL", `discord(?:app)?\.com/api/webhooks/\d+/([A-Za-z0-9_\-]{60,68})`, ""),
		f("Telegram bot token", `\b\d{8,10}:(AA[A-Za-z0-9_\-]{33})(?:[^A-Za-z0-9_\-]|$)`, ""),
		f("Twilio API key", `\bSK([0-9a-f]{32})\b`, ""),
		f("Twilio auth token", `^([0-9a-f]{32})$`, `(?i)twilio`),
		f("SendGrid API key", `\bSG\.([A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)`, ""),
		f("Mailgun API key", `\bkey-([0-9a-f]{32})\b`, ""),
		f("Mailchimp API key", `\b([0-9a-f]{32})-us\d{1,2}\b`, ""),
		f("Postmark server token", `^(`+uuidRe+`)$`, `(?i)postmark`),
		f("Resend API key", `\bre_([A-Za-z0-9]{8}_[A-Za-z0-9]{16,32})\b`, ""),

		// Developer platforms and SaaS.
		f("Linear API key", `\blin_api_([A-Za-z0-9]{40})\b`, ""),
		f("Notion integration token", `\bntn_(\d{11}[A-Za-z0-9]{35})\b`, ""),
		f("Notion integration token", `\bsecret_([A-Za-z0-9]{43})\b`, ""),
		f("Airtable access token", `\bpat[A-Za-z0-9]{14}\.([0-9a-f]{64})\b`, ""),
		f("Figma access token", `\bfigd_([A-Za-z0-9_\-]{40,})`, ""),
		f("Contentful management token", `\bCFPAT-([A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)`, ""),
		f("Postman API key", `\bPMAK-([0-9a-f]{24}-[0-9a-f]{34})\b`, ""),
		f("Frame.io token", `\bfio-u-([A-Za-z0-9_=\-]{64})(?:[^A-Za-z0-9_=\-]|$)`, ""),
		f("LaunchDarkly key", `\b(?:sdk|api)-(`+uuidRe+`)\b`, ""),
		f("Mapbox secret token", `\bsk\.(eyJ[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{20,})`, ""),
		f("Facebook access token", `\bEAA[CM]([A-Za-z0-9]{100,})`, ""),
		f("Twitter bearer token", `\bA{21}([A-Za-z0-9%]{30,})`, ""),
		f("Okta API token", `^00([A-Za-z0-9_\-]{40})$`, `(?i)okta`),
		f("Algolia admin key", `^([0-9a-f]{32})$`, `(?i)algolia.*(admin|write|api)`),

		// Generic shapes last: vendor tokens above may contain them.
		f("JSON Web Token", `\beyJ[A-Za-z0-9_\-]{8,}\.(eyJ[A-Za-z0-9_\-]{8,})\.[A-Za-z0-9_\-]{16,}`, ""),
	}
})

// leadingLiteral returns the literal text a pattern starts with, after a
// leading \b or ^: "gh" for \bgh[pousr]_..., "sk-or-v1-" for
// \bsk-or-v1-(...). A character followed by a quantifier is not part of it.
func leadingLiteral(re string) string {
	re = strings.TrimPrefix(strings.TrimPrefix(re, `\b`), "^")
	var lit []byte
	for i := 0; i < len(re); i++ {
		c := re[i]
		switch {
		case c == '\\' && i+1 < len(re) && strings.IndexByte(`.$-/`, re[i+1]) >= 0:
			i++
			c = re[i]
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte("_-=~:\"/ ", c) >= 0:
		default:
			if strings.IndexByte("{*?+", c) >= 0 && len(lit) > 0 {
				lit = lit[:len(lit)-1]
			}
			return string(lit)
		}
		lit = append(lit, c)
	}
	return string(lit)
}

// Kinds lists the kinds of credential Detect recognises by format, once
// each, in the order they are tried.
func Kinds() []string {
	var ks []string
	seen := map[string]bool{}
	for _, f := range formats() {
		if !seen[f.kind] {
			seen[f.kind] = true
			ks = append(ks, f.kind)
		}
	}
	return ks
}

// base62Digits is the alphabet of GitHub's and npm's checksums.
const base62Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// base62CRC32 verifies the checksum GitHub (2021) and npm token formats
// end with: after the prefix, 30 random base62 characters, then the
// CRC32 (IEEE) of those 30 characters in base62, left-padded with 0 to 6.
func base62CRC32(token string) bool {
	i := len(token) - 36
	if i < 0 {
		return false
	}
	body, sum := token[i:len(token)-6], token[len(token)-6:]
	return base62(crc32.ChecksumIEEE([]byte(body)), 6) == sum
}

// base62 writes n in base 62 (0-9A-Za-z), left-padded with 0 to width.
func base62(n uint32, width int) string {
	var b []byte
	for n > 0 {
		b = append(b, base62Digits[n%62])
		n /= 62
	}
	for len(b) < width {
		b = append(b, '0')
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}
