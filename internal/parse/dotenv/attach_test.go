package dotenv

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestGlobs(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"[VAULT] All S3_* variables are managed by Vault", []string{"S3_*"}},
		{"[VAULT] *_SECRET and AWS_*_KEY (all of them)", []string{"*_SECRET", "AWS_*_KEY"}},
		{"[VAULT] the `DB_?` keys, and (REDIS_*).", []string{"DB_?", "REDIS_*"}},
		{"[VAULT] *required* in production", nil},
		{"[VAULT] everything: *", nil},
		{"[VAULT] s3_* lower case", nil},
		{"[VAULT] S3-* has a dash", nil},
		{"[VAULT] no glob here", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, globs(tt.text), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("globs(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}
