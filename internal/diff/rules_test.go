package diff

import (
	"strings"
	"testing"
)

func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for i, r := range registry {
		if seen[r.ID] {
			t.Errorf("rule %s registered twice", r.ID)
		}
		seen[r.ID] = true
		if i > 0 && registry[i-1].ID >= r.ID {
			t.Errorf("registry not sorted: %s before %s", registry[i-1].ID, r.ID)
		}
		if r.Summary == "" || len(r.Summary) > 60 || strings.HasSuffix(r.Summary, ".") || strings.ToLower(r.Summary[:1]) != r.Summary[:1] {
			t.Errorf("rule %s: summary %q must be lower-case, without a final period, at most 60 characters", r.ID, r.Summary)
		}
		if !strings.Contains(r.Doc, "Failing") && !strings.Contains(r.Doc, "Example") {
			t.Errorf("rule %s: doc has no example", r.ID)
		}
		if r.Points == "" || r.Category == "" || r.Since == "" {
			t.Errorf("rule %s: Points, Category and Since must be set", r.ID)
		}
		if got, ok := Lookup(r.ID); !ok || got.ID != r.ID {
			t.Errorf("Lookup(%q) = %v, %v", r.ID, got, ok)
		}
	}
	if _, ok := Lookup("no-such-rule"); ok {
		t.Error("Lookup found a rule that does not exist")
	}
}
