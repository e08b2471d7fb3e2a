// Package secret tells whether a config key holds a credential and whether a
// value looks like a real one, so that envlint can flag secrets committed to
// .env.example files or hard-coded as Go defaults, and redact them in output.
//
// Detection is hand-written rather than delegated to a secret-scanning
// library; docs/secrets.md explains why. Nothing here ever returns or
// formats the value it inspects, except Redact's length.
package secret

import (
	"strings"
	"unicode"

	"github.com/envlint/envlint/internal/lint"
)

// secretWords mark a credential wherever they appear in a name.
var secretWords = map[string]bool{
	"SECRET": true, "SECRETS": true, "PASSWORD": true, "PASSWORDS": true, "PASSWD": true,
	"PASSPHRASE": true, "TOKEN": true, "TOKENS": true, "APIKEY": true, "CREDENTIAL": true,
	"CREDENTIALS": true, "CREDS": true, "DSN": true, "SALT": true, "PEPPER": true,
	// Joined spellings.
	"PRIVATEKEY": true, "SECRETKEY": true, "ACCESSKEY": true, "AUTHTOKEN": true, "ACCESSTOKEN": true,
	"APITOKEN": true, "PRIVKEY": true,
}

// lastWords mark a credential only as the last word (DB_PASS, MYSQL_PWD),
// since they are common prefixes otherwise (PASS_THROUGH).
var lastWords = map[string]bool{"PASS": true, "PWD": true, "PW": true}

// keyQualifiers make KEY a credential when they come right before it
// (API_KEY, PRIVATE_KEY, SIGNING_KEY); a bare KEY is often a name or an id.
var keyQualifiers = map[string]bool{
	"API": true, "ACCESS": true, "SECRET": true, "PRIVATE": true, "SIGNING": true, "SIGN": true,
	"ENCRYPTION": true, "ENCRYPT": true, "CRYPT": true, "CRYPTO": true, "MASTER": true, "HMAC": true,
	"JWT": true, "SESSION": true, "AES": true, "CIPHER": true, "AUTH": true, "CLIENT": true,
	"LICENSE": true, "SERVICE": true, "APP": true, "WEBHOOK": true, "COOKIE": true, "CSRF": true,
}

// notSecretLast are last words that turn a secret-sounding name into
// something about a secret: its lifetime, size, location or name.
var notSecretLast = map[string]bool{
	"TTL": true, "EXPIRE": true, "EXPIRES": true, "EXPIRY": true, "EXPIRATION": true, "LIFETIME": true,
	"AGE": true, "MINUTES": true, "SECONDS": true, "HOURS": true, "DAYS": true, "MS": true,
	"TIMEOUT": true, "DURATION": true, "INTERVAL": true, "MIN": true, "MAX": true, "LENGTH": true,
	"LEN": true, "SIZE": true, "COUNT": true, "LIMIT": true, "ROUNDS": true, "COST": true,
	"ENABLED": true, "ENABLE": true, "DISABLED": true, "REQUIRED": true, "FILE": true, "PATH": true,
	"DIR": true, "FILENAME": true, "HEADER": true, "URL": true, "URI": true, "ENDPOINT": true,
	"ISSUER": true, "AUDIENCE": true, "ALGORITHM": true, "ALG": true, "TYPE": true, "NAME": true,
	"ID": true, "PREFIX": true, "REGION": true, "VERSION": true, "HOST": true, "PORT": true,
	"USER": true, "USERNAME": true, "POLICY": true, "SCOPE": true, "SCOPES": true, "FIELD": true,
	"PARAM": true, "MOUNT": true, "ROLE": true, "STRENGTH": true, "FORMAT": true, "ENCODING": true,
	"KIND": true, "MODE": true, "STORE": true, "PROVIDER": true, "BACKEND": true, "METHOD": true,
	"RETRIES": true, "ATTEMPTS": true, "REFRESH": true, "ROTATION": true, "LOCATION": true,
	// Where or how secrets are kept, not a secret: SECRET_MANAGER=IN_MEMORY
	// (google/exposure-notifications-server), SECRET_FILESYSTEM_ROOT.
	"MANAGER": true, "ROOT": true, "ENGINE": true, "DRIVER": true, "STRATEGY": true, "SOURCE": true,
}

// LooksSecretName reports whether a key or field name suggests a credential
// (SECRET, PASSWORD, PASSWD, TOKEN, API_KEY, PRIVATE_KEY, CREDENTIALS, DSN,
// ...). Names are only a hint: ACCESS_TOKEN_EXPIRE_MINUTES, TOKEN_TTL and
// PASSWORD_MIN_LENGTH describe a secret without holding one, and a field
// whose type cannot hold text (numbers, bools, durations, times) holds no
// secret whatever its name.
func LooksSecretName(name string, t lint.Type) bool {
	if !textual(t) {
		return false
	}
	words := splitWords(name)
	if len(words) == 0 || notSecretLast[words[len(words)-1]] {
		return false
	}
	for i, w := range words {
		switch {
		case secretWords[w]:
			return true
		case lastWords[w] && i == len(words)-1:
			return true
		case (w == "KEY" || w == "KEYS") && i > 0 && keyQualifiers[words[i-1]]:
			return true
		}
	}
	return false
}

// textual reports whether a value of type t can hold a credential.
func textual(t lint.Type) bool {
	switch t.Kind {
	case lint.KindBool, lint.KindInt, lint.KindUint, lint.KindFloat, lint.KindDuration,
		lint.KindTime, lint.KindLocation:
		return false
	case lint.KindPointer, lint.KindSlice:
		if t.Elem != nil {
			return textual(*t.Elem) || t.Elem.Kind == lint.KindUint && t.Elem.Bits == 8
		}
	case lint.KindMap:
		if t.Elem != nil {
			return textual(*t.Elem)
		}
	}
	return true
}

// splitWords upper-cases name and splits it on separators and camel-case
// boundaries: "dbPassword" and "DB_PASSWORD" both give DB, PASSWORD, and
// "APIKey" gives API, KEY.
func splitWords(name string) []string {
	var words []string
	rs := []rune(name)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, strings.ToUpper(string(rs[start:end])))
		}
		start = -1
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := rs[i-1]
		lowerToUpper := unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev))
		acronymEnd := unicode.IsUpper(r) && unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
		if lowerToUpper || acronymEnd {
			flush(i)
			start = i
		}
	}
	flush(len(rs))
	return words
}
