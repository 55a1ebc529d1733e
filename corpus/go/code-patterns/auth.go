package main

import (
	"net/http"
	"os"
	"strings"

	"github.com/golang-jwt/jwt/v5"
	"github.com/mark3labs/mcp-go/server"
)

var _ server.ServerOption

func keyFunc(t *jwt.Token) (any, error) {
	return []byte(os.Getenv("BLOBGATE_JWT_SECRET")), nil
}

// vulnerable: tokens for any audience are accepted
func requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		claims := jwt.MapClaims{}
		if _, err := jwt.ParseWithClaims(raw, claims, keyFunc, jwt.WithIssuer("https://auth.example.com")); err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		if _, err := jwt.Parse(raw, keyFunc); err != nil {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// safe: the audience is checked; options built elsewhere are not known here
func checkStrict(raw string, opts ...jwt.ParserOption) error {
	if _, err := jwt.Parse(raw, keyFunc, jwt.WithAudience("https://blobgate.example.com/mcp")); err != nil {
		return err
	}
	_, err := jwt.Parse(raw, keyFunc, opts...)
	return err
}
