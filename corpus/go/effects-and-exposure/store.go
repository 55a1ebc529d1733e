package main

import (
	"context"
	"net/smtp"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	gogithub "github.com/google/go-github/v72/github"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(&redis.Options{Addr: "localhost:6379"})

func flushCache(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("flushed"), rdb.FlushAll(ctx).Err()
}

// a seam for tests: calls of removeAll are calls of os.RemoveAll
var removeAll = os.RemoveAll

func removeReports(dir string) error {
	return removeAll(dir)
}

func (h *handlers) insertUser(ctx context.Context, name string) error {
	query := "INSERT INTO users (name) VALUES ($1)"
	_, err := h.db.ExecContext(ctx, query, name)
	return err
}

func openIssue(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	gh := gogithub.NewClient(nil).WithAuthToken(apiToken())
	title := req.GetString("title", "")
	_, _, err := gh.Issues.Create(ctx, "acme", "ops", &gogithub.IssueRequest{Title: &title})
	if err != nil {
		return nil, err
	}
	return mcp.NewToolResultText("opened"), nil
}

func archiveLogs(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	client := s3.NewFromConfig(cfg)
	_, err = client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("opsbox-logs"), Key: aws.String("today.log")})
	if err != nil {
		return nil, err
	}
	return mcp.NewToolResultText("archived"), nil
}

func (h *handlers) sendDigest(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	msg := strings.NewReader("Subject: digest\r\n\r\nAll quiet.")
	_ = msg
	err := smtp.SendMail("mail.example.com:587", nil, "opsbox@example.com", []string{"team@example.com"}, []byte("digest"))
	return mcp.NewToolResultText("sent"), err
}
