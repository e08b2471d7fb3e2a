// Command envlint keeps a Go service's environment variables consistent
// across Vault templates, the Go config struct and .env.example.
package main

import (
	"os"

	"github.com/envlint/envlint/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
