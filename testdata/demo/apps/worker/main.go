// Command worker sends the shop's e-mails.
package main

import (
	"log"

	"github.com/kelseyhightower/envconfig"
)

// Settings configure the worker; envconfig names them WORKER_<FIELD>.
type Settings struct {
	Concurrency  int    `default:"4"`
	QueueURL     string `split_words:"true" required:"true"`
	SMTPPassword string `envconfig:"SMTP_PASSWORD" required:"true"`
}

func main() {
	var s Settings
	envconfig.MustProcess("worker", &s)
	log.Printf("%d workers", s.Concurrency)
}
