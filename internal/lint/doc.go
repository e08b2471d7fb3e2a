// Package lint holds the vocabulary shared by envlint's parsers, rule engine
// and reporters: positions, the keys each layer declares, findings and rule
// metadata. It imports only the standard library so that every other package
// can depend on it without pulling in anything else.
package lint
