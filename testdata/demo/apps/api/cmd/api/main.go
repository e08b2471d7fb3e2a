// Command api serves the shop's HTTP API.
package main

import (
	"log"
	"os"

	"github.com/caarlos0/env/v11"

	"example.com/shop/apps/api/internal/config"
)

func main() {
	var cfg config.Config
	if err := env.Parse(&cfg); err != nil {
		log.Fatal(err)
	}
	if os.Getenv("SENTRY_DSN") != "" {
		log.Print("error reporting on")
	}
	log.Printf("listening on :%d", cfg.Port)
}
