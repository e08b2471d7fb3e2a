package diff

import (
	"slices"

	"github.com/envlint/envlint/internal/lint"
)

// checker is a rule's metadata together with its check. run is nil for
// rules whose findings another part of envlint emits (envlint env).
type checker struct {
	lint.Rule
	run func(p *pass, r *checker)
}

// registry lists every rule, sorted by id. It is explicit, with no init()
// side effects, so that reading this list shows every rule envlint has.
var registry = []*checker{
	ambiguousVaultMarker,
	buildArgNotPassed,
	composeVariableUndocumented,
	configKeyNotInExample,
	deployKeyNotInConfig,
	deployMissingRequired,
	deploySecretLiteral,
	duplicateKey,
	dynamicKey,
	envEmptyRequired,
	envFileCommitted,
	envMissingRequired,
	envTypeMismatch,
	envUnknown,
	exampleKeyOrphaned,
	incompleteCoverage,
	ineffectiveTag,
	infraKeyInApp,
	parseError,
	requiredNotInVault,
	secretDefault,
	secretInExample,
	secretReused,
	templateError,
	templateNotDeployed,
	templateNotEnv,
	typeMismatch,
	unresolvedConfig,
	unsupportedReader,
	unusedIgnore,
	vaultEmptyFallback,
	vaultFieldMismatch,
	vaultKeyMissingInTemplate,
	vaultKeyNotInConfig,
	vaultMarkerMissing,
	vaultMarkerStale,
	vaultPathConvention,
}

// Rules returns the metadata of every rule, sorted by id.
func Rules() []*lint.Rule {
	rs := make([]*lint.Rule, len(registry))
	for i, r := range registry {
		rs[i] = &r.Rule
	}
	return rs
}

// Lookup returns the rule with the given id.
func Lookup(id string) (*lint.Rule, bool) {
	i, ok := slices.BinarySearchFunc(registry, id, func(r *checker, id string) int {
		switch {
		case r.ID < id:
			return -1
		case r.ID > id:
			return 1
		}
		return 0
	})
	if !ok {
		return nil, false
	}
	return &registry[i].Rule, true
}
