package secret

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"strings"
)

const jwtKind = "JSON Web Token"

// bodyWords are fragments that only a typed stand-in puts in the generated
// part of a token (hf_yourhuggingfacetokengoeshere…). Short words such as
// "here" are left out: they turn up by chance in long random strings.
var bodyWords = []string{"your", "example", "sample", "placeholder", "dummy", "change", "replace", "redacted",
	"xxxx", "insert", "token", "secret", "apikey", "password", "fixme"}

// standIn reports whether the generated part of a vendor token was typed
// rather than generated: a placeholder word, too little entropy, a
// repeated pattern (abcabc…) or a run (0123456789abcdef…), in the whole
// part or its second half.
func standIn(body string) bool {
	l := strings.ToLower(body)
	for _, w := range bodyWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	if entropy(body) < 3.0 || periodic(body) || sequential(l) {
		return true
	}
	// A real prefix with a typed tail (a token cut short and padded).
	tail := len(body) / 2
	return len(body) >= 16 && (periodic(body[tail:]) || sequential(l[tail:]))
}

// periodic reports whether s repeats a unit shorter than half of it.
func periodic(s string) bool {
	for p := 1; p <= len(s)/2; p++ {
		same := true
		for i := p; i < len(s); i++ {
			if s[i] != s[i-p] {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}

// sequential reports whether most neighbouring characters of s follow each
// other in the alphabet: 0123456789abcdef, abcdefgh.
func sequential(s string) bool {
	if len(s) < 8 {
		return false
	}
	n := 0
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1]+1 || (s[i-1] == '9' && s[i] == 'a') {
			n++
		}
	}
	return n*2 > len(s)
}

// devDigests are the SHA-256 digests of credentials that vendors publish
// for local development and documentation: they unlock nothing but an
// emulator or a vendor's public sandbox. docs/secrets.md lists them with
// their sources. Only digests are kept, so that the source holds no value
// a scanner would flag.
var devDigests = map[string]string{
	"0011cc25eb4320717494d2703e8cba85743e71b500283c21c8b88147992f9059": "Azurite / Azure Storage Emulator account key (devstoreaccount1)",
	"2cafc0970149a84f3b9e62eaf169f36f59907a3b3e31f7b82e68c69cd27f7326": "Stripe API reference sample test key",
}

// devCredential reports a value that vendors publish as a development or
// documentation credential: a listed digest, an emulator's connection
// string, or a documentation JWT.
func devCredential(v string) bool {
	sum := sha256.Sum256([]byte(v))
	if _, ok := devDigests[hex.EncodeToString(sum[:])]; ok {
		return true
	}
	l := strings.ToLower(v)
	if strings.Contains(l, "usedevelopmentstorage=true") || strings.Contains(l, "accountname=devstoreaccount1") {
		return true
	}
	// An emulator's connection string: its endpoint is on this machine
	// (the Cosmos DB emulator listens on localhost:8081).
	for _, field := range strings.Split(v, ";") {
		k, val, ok := strings.Cut(field, "=")
		if !ok || !strings.HasSuffix(strings.ToLower(strings.TrimSpace(k)), "endpoint") {
			continue
		}
		if u, err := url.Parse(strings.TrimSpace(val)); err == nil && u.Host != "" && localHost(u.Hostname()) {
			return true
		}
	}
	return false
}

// sampleJWT reports a token whose claims (the body is the payload part)
// are a documentation sample: jwt.io's John Doe, or the JWTs the Supabase
// CLI issues for local development (issuer supabase-demo).
func sampleJWT(payload string) bool {
	data, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(payload, "="))
	if err != nil {
		return false
	}
	var claims map[string]any
	if json.Unmarshal(data, &claims) != nil {
		return false
	}
	if claims["iss"] == "supabase-demo" {
		return true
	}
	return claims["sub"] == "1234567890" && claims["name"] == "John Doe"
}
