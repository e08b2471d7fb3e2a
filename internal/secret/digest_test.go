package secret_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/envlint/envlint/internal/secret"
)

func TestDigest_NeverShown(t *testing.T) {
	h := secret.NewHasher()
	d := h.Sum("hunter2-horse-battery")
	if got, want := fmt.Sprintf("%v|%+v|%s|%#v", d, d, d, d), "<digest>|<digest>|<digest>|secret.Digest{}"; got != want {
		t.Errorf("a digest formats as %q, want %q", got, want)
	}
	if b, err := json.Marshal(struct{ D secret.Digest }{d}); err == nil {
		t.Errorf("json.Marshal of a digest = %s, want an error", b)
	}
}

func TestDigest_Compares(t *testing.T) {
	h := secret.NewHasher()
	first, again := h.Sum("a-long-secret-value"), h.Sum("a-long-"+"secret-value")
	if first != again {
		t.Error("one hasher gives two digests for one value")
	}
	if h.Sum("a-long-secret-value") == h.Sum("a-long-secret-valuf") {
		t.Error("one hasher gives one digest for two values")
	}
	// The key is random per hasher: a digest means nothing outside its run.
	if secret.NewHasher().Sum("a-long-secret-value") == h.Sum("a-long-secret-value") {
		t.Error("two hashers agree: the key is not random")
	}
}

func TestComparable(t *testing.T) {
	for _, tt := range []struct {
		name, value string
		want        bool
	}{
		{"DB_PASSWORD", "tr0ub4dor-correct-horse", true},
		{"JWT_SECRET", "Qm7xV2pLr9KdT4wZ8nBc3FhJ6sYa1UeG5tRk0WqPz", true},
		{"DB_PASSWORD", "postgres", false},
		{"DB_PASSWORD", "short", false},
		{"DB_PASSWORD", "change-me-please", false},
		{"DATABASE_URL", "postgres://postgres:postgres@localhost/app", false},
		{"LOG_LEVEL", "a-long-but-public-value", false},
	} {
		if got := secret.Comparable(tt.name, tt.value); got != tt.want {
			t.Errorf("Comparable(%s, %q) = %v, want %v", tt.name, tt.value, got, tt.want)
		}
	}
}
