package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// s3Sources lists and opens S3 objects. The client is made on first use,
// from the standard AWS configuration chain (environment, shared files,
// SSO, instance role), so that commands without s3:// operands never look
// for credentials.
type s3Sources struct {
	// endpoint is --endpoint-url: an S3-compatible store (or a test server),
	// addressed path-style as the AWS CLI does.
	endpoint string

	once   sync.Once
	client *s3.Client
	err    error
}

// s3Client returns the client.
func (s *s3Sources) s3Client(ctx context.Context) (*s3.Client, error) {
	s.once.Do(func() {
		cfg, err := config.LoadDefaultConfig(ctx)
		if err != nil {
			s.err = fmt.Errorf("loading the AWS configuration: %w", err)
			return
		}
		if cfg.Region == "" && s.endpoint != "" {
			// An S3-compatible store rarely has regions; the signature
			// needs one.
			cfg.Region = "us-east-1"
		}
		s.client = s3.NewFromConfig(cfg, func(o *s3.Options) {
			// S3-compatible stores often send no checksum; the SDK would
			// log that on stderr for every object.
			o.DisableLogOutputChecksumValidationSkipped = true
			if s.endpoint != "" {
				o.BaseEndpoint = aws.String(s.endpoint)
				o.UsePathStyle = true
			}
		})
	})
	return s.client, s.err
}

// parseS3URI splits s3://bucket/prefix.
func parseS3URI(uri string) (bucket, prefix string, err error) {
	bucket, prefix, _ = strings.Cut(strings.TrimPrefix(uri, "s3://"), "/")
	if bucket == "" {
		return "", "", fmt.Errorf("%s: not an S3 location (want s3://bucket/prefix)", uri)
	}
	return bucket, prefix, nil
}

// list appends a source for every object under the S3 location uri, in the
// order S3 lists them (lexical, by UTF-8 bytes), page by page. Folder
// markers (keys ending in '/') are skipped, and so are hidden objects (a
// part of the key after the prefix starting with '.'), as in a folder. A listing error is reported in
// the place of the objects it could not list.
func (s *s3Sources) list(ctx context.Context, uri string, out []source) []source {
	bucket, prefix, err := parseS3URI(uri)
	if err != nil {
		return append(out, source{name: uri, err: err})
	}
	client, err := s.s3Client(ctx)
	if err != nil {
		return append(out, source{name: uri, err: fmt.Errorf("%s: %w", uri, err)})
	}
	pages := s3.NewListObjectsV2Paginator(client, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix)})
	n := len(out)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return append(out, source{name: uri, err: fmt.Errorf("listing %s: %w", uri, err)})
		}
		for _, obj := range page.Contents {
			key := aws.ToString(obj.Key)
			if strings.HasSuffix(key, "/") || hidden(strings.TrimPrefix(key, prefix)) {
				continue
			}
			out = append(out, source{name: "s3://" + bucket + "/" + key, open: func(ctx context.Context) (io.ReadCloser, error) {
				obj, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
				if err != nil {
					return nil, fmt.Errorf("s3://%s/%s: %w", bucket, key, err)
				}
				return obj.Body, nil // streamed: never held whole
			}})
		}
	}
	if len(out) == n {
		return append(out, source{name: uri, err: fmt.Errorf("%s: no objects under this prefix", uri)})
	}
	return out
}
