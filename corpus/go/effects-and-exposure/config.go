package main

import (
	"context"
	"net/http"
	"os"

	"github.com/spf13/viper"
)

// A made-up key in the shape of a real one (not a credential): reported.
const fallbackAccessKey = "AKIAQ3EGRT7XW4JL2N5M"

// The example key of the AWS documentation: a placeholder, not reported.
const docsAccessKey = "AKIAIOSFODNN7EXAMPLE"

type settings struct {
	DatabaseURL string `env:"OPSBOX_DATABASE_URL,required" json:"database_url"`
	SlackToken  string `envconfig:"SLACK_BOT_TOKEN"`
	Verbose     bool   `json:"verbose"`
}

func loadSettings() settings {
	var s settings
	if lvl, ok := os.LookupEnv("OPSBOX_LOG_LEVEL"); ok {
		_ = lvl
	}
	_ = viper.BindEnv("region", "OPSBOX_REGION")
	viper.SetEnvPrefix("opsbox")
	viper.AutomaticEnv()
	s.Verbose = viper.GetBool("verbose-log")
	return s
}

func apiToken() string {
	if t := os.Getenv("OPSBOX_API_TOKEN"); t != "" {
		return t
	}
	return fallbackAccessKey
}

func currentRegion() string {
	return os.Getenv("AWS_REGION")
}

// tokenFromRequest hands the caller's bearer token to the handlers.
func tokenFromRequest(ctx context.Context, r *http.Request) context.Context {
	return context.WithValue(ctx, tokenKey{}, r.Header.Get("Authorization"))
}

type tokenKey struct{}
