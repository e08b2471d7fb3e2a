// Package config holds the API's settings, read from the environment.
package config

import "time"

// Config is everything the API reads at start-up.
type Config struct {
	// Port the HTTP server listens on.
	Port     int    `env:"PORT" envDefault:"8080"`
	LogLevel string `env:"LOG_LEVEL" envDefault:"info"`

	Database Database `envPrefix:"DATABASE_"`
	Stripe   Stripe   `envPrefix:"STRIPE_"`

	// JWTSigningKey signs session tokens.
	JWTSigningKey string `env:"JWT_SIGNING_KEY,required"`
	// SessionTTL is how long a session lasts.
	SessionTTL time.Duration `env:"SESSION_TTL" envDefault:"12h"`

	FeatureNewCheckout bool `env:"FEATURE_NEW_CHECKOUT"`
	// AccessTokenExpireMinutes is the lifetime of an access token.
	AccessTokenExpireMinutes int    `env:"ACCESS_TOKEN_EXPIRE_MINUTES" envDefault:"60"`
	AdminPassword            string `env:"ADMIN_PASSWORD" envDefault:"admin123"`
}

// Database is the primary PostgreSQL database.
type Database struct {
	URL      string `env:"URL,required"`
	MaxConns int    `env:"MAX_CONNS" envDefault:"10"`
}

// Stripe holds the payment provider's credentials.
type Stripe struct {
	APIKey        string `env:"API_KEY,required"`
	WebhookSecret string `env:"WEBHOOK_SECRET"`
}
