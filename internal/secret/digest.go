package secret

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"hash"

	"github.com/envlint/envlint/internal/lint"
)

// Digest is a keyed hash of a secret value, so that two values can be
// compared without keeping either. The key is random and lives only in the
// Hasher that made the digest, so a digest means nothing outside one run: it
// cannot be compared with a digest from another run, or searched for in a
// list of hashed passwords. A Digest never prints or serializes its bytes.
type Digest struct{ sum [sha256.Size]byte }

// String hides the digest: a value's hash is not printed either.
func (Digest) String() string { return "<digest>" }

// GoString hides the digest from %#v too.
func (Digest) GoString() string { return "secret.Digest{}" }

var errDigest = errors.New("a secret digest is never written")

// MarshalText refuses: a digest is never written to a file or an output.
func (Digest) MarshalText() ([]byte, error) { return nil, errDigest }

// Hasher computes Digests with HMAC-SHA256 under a key drawn at random when
// the Hasher is made.
type Hasher struct{ mac hash.Hash }

// NewHasher returns a Hasher with a fresh random key.
func NewHasher() *Hasher {
	key := make([]byte, 32)
	rand.Read(key) // crypto/rand.Read never fails (Go 1.24+)
	return &Hasher{mac: hmac.New(sha256.New, key)}
}

// Sum returns value's digest. A Hasher is not safe for concurrent use.
func (h *Hasher) Sum(value string) Digest {
	h.mac.Reset()
	h.mac.Write([]byte(value))
	var d Digest
	h.mac.Sum(d.sum[:0])
	return d
}

// Comparable reports whether a value of the key is worth comparing with
// others to find one secret used twice: it looks like a credential
// (Detect), or the key name says secret and the value is neither empty, a
// placeholder, a development password nor too short to be generated.
func Comparable(name, value string) bool {
	if _, ok := Detect(name, value); ok {
		return true
	}
	v := value
	return LooksSecretName(name, lint.Type{Kind: lint.KindString}) && len(v) >= 8 && !placeholder(v) && !devPasswords[v] && !isDSN(v)
}

// isDSN reports a connection string: its password has been judged by
// Detect, and two services sharing a local database URL share no secret.
func isDSN(v string) bool {
	_, _, dsn := connectionString(v)
	return dsn
}
