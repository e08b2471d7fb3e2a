package diff

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/envlint/envlint/internal/lint"
)

var envFileCommitted = &checker{
	Rule: lint.Rule{
		ID:       "env-file-committed",
		Severity: lint.Error,
		Category: lint.CategoryInside,
		Summary:  "a real env file is tracked by git",
		Points:   "file line 1",
		Since:    "v0.2.0",
		// Committed credentials: a security alert in code scanning.
		SecuritySeverity: 7.0,
		Doc: "A real env file (`.env`, `.env.local`, `.env.production`, ...) holds the values a program runs " +
			"with, often credentials; once committed they are in the history of every clone. Example files " +
			"(`.env.example`, `.env.sample`, `.env.dist`, `.env.template`, `.env-example`, `env.sample`, " +
			"`.env.*.example`, `*.example.env`, ...) and encrypted files (dotenv-vault's `.env.vault`, `.env.enc`) are meant to be " +
			"committed and are not reported. envlint reads git's index, without running git; files under " +
			"`testdata`, `vendor` and `node_modules` are fixtures and are not reported.\n\n" +
			"Failing: `git ls-files` lists `apps/api/.env.production`.\n\n" +
			"Passing: `git rm --cached apps/api/.env.production`, `.env.production` in `.gitignore`, and the keys " +
			"documented with placeholders in `apps/api/.env.example`. Rotate any credential the file held.",
	},
	// Emitted by Repository: the rule is about the repository, not a component.
}

// exampleWords mark an env file name as documentation rather than a real
// environment (`.env.example`, `.env.staging.sample`, `.env-template`), or
// as encrypted and meant to be committed (dotenv-vault's `.env.vault`,
// SOPS's `.env.enc`).
var exampleWords = []string{"example", "examples", "sample", "samples", "template", "templates", "tmpl", "tpl",
	"dist", "defaults", "default", "schema", "skeleton", "skel", "stub",
	"vault", "enc", "encrypted", "sops", "gpg", "age", "asc"}

// fixtureDirs hold files that are test data or third-party code.
var fixtureDirs = []string{"testdata", "vendor", "node_modules"}

// realEnvFile reports whether a tracked file is a real env file: `.env`, or
// `.env.NAME` / `.env-NAME` where no part of NAME says example.
func realEnvFile(rel string) bool {
	for _, d := range strings.Split(path.Dir(rel), "/") {
		if slices.Contains(fixtureDirs, d) {
			return false
		}
	}
	base := path.Base(rel)
	if base == ".env" {
		return true
	}
	rest, ok := strings.CutPrefix(base, ".env.")
	if !ok {
		rest, ok = strings.CutPrefix(base, ".env-")
	}
	if !ok || rest == "" {
		return false
	}
	for _, part := range strings.FieldsFunc(strings.ToLower(rest), func(r rune) bool { return r == '.' || r == '-' || r == '_' }) {
		if slices.Contains(exampleWords, part) {
			return false
		}
	}
	return true
}

func envFileMessage(rel string) string {
	dir := path.Dir(rel)
	example := path.Join(dir, ".env.example")
	return fmt.Sprintf("%s is a real env file tracked by git; run git rm --cached %s, add %s to .gitignore, "+
		"document its keys with placeholders in %s instead, and rotate any credential it held",
		rel, shellQuote(rel), path.Base(rel), example)
}

// shellQuote quotes a path for a command the user may paste.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
