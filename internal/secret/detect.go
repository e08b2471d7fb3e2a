package secret

import (
	"fmt"
	"math"
	"net"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/envlint/envlint/internal/lint"
)

// Detect reports whether value looks like a real credential for the key
// name. The kind it returns names what the value looks like ("AWS access
// key ID", "private key block", "connection string with a password",
// "high-entropy value") and never contains the value. Placeholders such as
// change-me, <your-key>, xxx or your_api_key_here, empty values, and
// connection strings to local or docker-compose hosts are not credentials.
func Detect(name, value string) (kind string, ok bool) {
	v := strings.TrimSpace(value)
	// No credential or connection string is that long: a file pasted into
	// a value is not scanned (a 10 MiB value took seconds per pattern).
	if v == "" || len(v) > maxToken || devCredential(v) {
		return "", false
	}
	kind, ok, isDSN := connectionString(v)
	if ok {
		return kind, true
	}
	// A vendor's shape claims the value: the part after the prefix decides
	// between a credential and a stand-in.
	for _, f := range formats() {
		if len(v) < minToken {
			break
		}
		if !strings.Contains(v, f.literal) || (f.name != nil && !f.name.MatchString(name)) {
			continue
		}
		m := f.re.FindStringSubmatchIndex(v)
		if m == nil {
			continue
		}
		if len(m) < 4 || m[2] < 0 {
			// No generated part to judge (a PEM header): the whole value is.
			if placeholder(v) {
				return "", false
			}
			return f.kind, true
		}
		body := v[m[2]:m[3]]
		if standIn(body) || (f.check != nil && !f.check(v[m[0]:m[3]])) {
			return "", false
		}
		if f.kind == jwtKind && sampleJWT(body) {
			return "", false
		}
		return f.kind, true
	}
	if placeholder(v) {
		return "", false
	}
	// A connection string's password has been judged above: a random
	// password for a local database is a development value.
	if !isDSN && LooksSecretName(name, lint.Type{Kind: lint.KindString}) && highEntropy(v) {
		return "high-entropy value", true
	}
	return "", false
}

// maxToken bounds the values Detect judges: the longest credentials (PEM
// key blocks, 1Password and Bedrock tokens, connection strings) are a few
// KiB.
const maxToken = 64 << 10

// minToken is the length of the shortest token format (an Alibaba Cloud
// AccessKey ID); shorter values are never tried against the formats.
const minToken = 16

// Redact returns a printable stand-in for a value of a secret key.
func Redact(value string) string {
	if len(value) == 1 {
		return "<redacted, 1 byte>"
	}
	return fmt.Sprintf("<redacted, %d bytes>", len(value))
}

// placeholderWords are fragments that only documentation values contain.
var placeholderWords = []string{
	"change", "replace", "your", "example", "placeholder", "dummy", "fake", "sample", "redacted",
	"xxxx", "todo", "fixme", "insert", "here", "<", ">", "${", "$(", "{{", "...", "****", "…",
	"secret", "password", "not-set", "notset", "not_set", "generate", "fill", "put-", "put_",
}

// placeholderValues are whole values used as stand-ins.
var placeholderValues = map[string]bool{
	"none": true, "null": true, "nil": true, "empty": true, "test": true, "testing": true, "dev": true,
	"development": true, "local": true, "pass": true, "token": true, "key": true, "apikey": true,
	"api_key": true, "admin": true, "root": true, "postgres": true, "mysql": true, "guest": true,
	"user": true, "foo": true, "bar": true, "foobar": true, "abc123": true, "123456": true,
	"12345678": true, "qwerty": true, "true": true, "false": true, "default": true, "tbd": true,
	"unset": true, "n/a": true, "na": true, "-": true,
}

func placeholder(v string) bool {
	l := strings.ToLower(strings.Trim(v, `"'`))
	if l == "" || placeholderValues[l] {
		return true
	}
	for _, w := range placeholderWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	// One repeated character, or only masking characters: xxx, ***, 000.
	if strings.Trim(l, string(l[0])) == "" || strings.Trim(l, "x*.-_0#") == "" {
		return true
	}
	return false
}

// entropy is the Shannon entropy of s in bits per byte.
func entropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	var h float64
	n := float64(len(s))
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

var hexRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-fA-F]+$`) })

// highEntropy reports whether v looks like a generated secret: a long hex
// string, or a long token mixing upper case, lower case and digits with
// high entropy. Typed passphrases (my-dev-jwt-key) are left alone.
func highEntropy(v string) bool {
	if strings.ContainsAny(v, " \t") || strings.Contains(v, "://") {
		return false
	}
	if hexRe().MatchString(v) {
		return len(v) >= 32 && entropy(v) >= 3.0
	}
	if len(v) < 16 || entropy(v) < 3.5 || periodic(v) || sequential(strings.ToLower(v)) {
		return false
	}
	var upper, lower, digit bool
	for _, r := range v {
		switch {
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= '0' && r <= '9':
			digit = true
		}
	}
	return upper && lower && digit
}

// devPasswords are passwords that only development setups use.
var devPasswords = map[string]bool{
	"postgres": true, "password": true, "pass": true, "secret": true, "root": true, "admin": true,
	"mysql": true, "redis": true, "guest": true, "dev": true, "test": true, "example": true,
	"changeme": true, "change-me": true, "pw": true, "pwd": true, "user": true, "mongo": true,
	"rabbitmq": true, "minio": true, "minioadmin": true, "sa": true, "toor": true, "123456": true,
}

const dsnKind = "connection string with a password"

// dsn holds the connection-string patterns, compiled on first use.
var dsn = sync.OnceValue(func() struct{ mysql, kvPassword, kvHost, kvAccessKey *regexp.Regexp } {
	return struct{ mysql, kvPassword, kvHost, kvAccessKey *regexp.Regexp }{
		mysql:       regexp.MustCompile(`^([^:@/]*):([^@]*)@(?:tcp|unix)\(([^)]*)\)`),
		kvPassword:  regexp.MustCompile(`(?i)(?:^|[;\s&?])(?:password|pwd)=([^;\s&]+)`),
		kvHost:      regexp.MustCompile(`(?i)(?:^|[;\s&?])(?:host|server|data source|addr|address)=([^;\s&]+)`),
		kvAccessKey: regexp.MustCompile(`(?i)(?:AccountKey|SharedAccessKey)=`),
	}
})

// connectionString reports a DSN that carries a non-trivial password for a
// host that is not local; isDSN says whether v is a connection string at all.
func connectionString(v string) (kind string, ok, isDSN bool) {
	if u, err := url.Parse(v); err == nil && u.User != nil && u.Host != "" {
		if pw, ok := u.User.Password(); ok && realPassword(pw, u.User.Username()) && !localHost(u.Hostname()) {
			return dsnKind, true, true
		}
		return "", false, true
	}
	if m := dsn().mysql.FindStringSubmatch(v); m != nil {
		host := m[3]
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		if realPassword(m[2], m[1]) && !localHost(host) {
			return dsnKind, true, true
		}
		return "", false, true
	}
	if dsn().kvAccessKey.MatchString(v) {
		return "", false, false // the Azure formats judge these
	}
	if pm := dsn().kvPassword.FindStringSubmatch(v); pm != nil {
		host := ""
		if hm := dsn().kvHost.FindStringSubmatch(v); hm != nil {
			host = strings.TrimPrefix(strings.SplitN(hm[1], ",", 2)[0], "tcp:")
			if h, _, err := net.SplitHostPort(host); err == nil {
				host = h
			}
		}
		if host != "" && realPassword(pm[1], "") && !localHost(host) {
			return dsnKind, true, true
		}
		return "", false, true
	}
	return "", false, false
}

func realPassword(pw, user string) bool {
	l := strings.ToLower(pw)
	return pw != "" && pw != user && !devPasswords[l] && !placeholder(pw)
}

// localHost reports a host that only exists on a developer's machine: a
// loopback or unspecified address, localhost, a reserved documentation or
// local domain, or a single-label name such as a docker-compose service.
func localHost(h string) bool {
	h = strings.ToLower(strings.Trim(h, "[]"))
	if h == "" || placeholder(h) {
		return true
	}
	if ip := net.ParseIP(h); ip != nil {
		return ip.IsLoopback() || ip.IsUnspecified()
	}
	if !strings.Contains(h, ".") {
		return true
	}
	for _, suffix := range []string{".localhost", ".local", ".test", ".example", ".invalid", ".internal", ".lan", ".home.arpa"} {
		if strings.HasSuffix(h, suffix) {
			return true
		}
	}
	for _, d := range []string{"example.com", "example.org", "example.net"} {
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	return false
}
