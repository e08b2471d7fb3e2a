// Package diff is envlint's rule engine. It compares the key sets of the
// three layers of a component (Vault templates, Go config, example files)
// and reports findings. It compares sets of keys, not text: it is unrelated
// to the text-diff packages of the same name in go-tools or go-internal.
//
// Parsers hand over data with positioned problems; every finding, including
// syntax errors, is created here, so every rule id is emitted and registered
// in this one package.
package diff
