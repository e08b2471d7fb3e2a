package diff

import (
	"strings"
	"testing"
)

// TestRules_SecretsAreSecurityAlerts keeps every rule about secrets, present
// and future, a security alert in code scanning: SARIF gives it the
// "security" tag and its security-severity (GitHub reads 0.1 to 10).
func TestRules_SecretsAreSecurityAlerts(t *testing.T) {
	n := 0
	for _, r := range Rules() {
		if !strings.Contains(r.ID, "secret") {
			continue
		}
		n++
		if r.SecuritySeverity <= 0 || r.SecuritySeverity > 10 {
			t.Errorf("%s: SecuritySeverity = %v; a rule about secrets needs one in (0, 10] (7.0 and above is high)", r.ID, r.SecuritySeverity)
		}
	}
	if n < 2 {
		t.Errorf("found %d rules about secrets; secret-in-example and secret-default at least", n)
	}
}
