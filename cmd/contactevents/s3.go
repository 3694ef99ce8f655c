package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Defaults of the S3 flags. A stall is a server or network that stops
// sending: a minute without a byte is not a slow transfer. A long batch
// job's objects get more attempts than the SDK's 3, with the SDK's backoff
// (exponential, with jitter, up to maxBackoff).
const (
	defaultS3Timeout     = time.Minute
	defaultS3MaxAttempts = 10
	defaultS3MaxBackoff  = 20 * time.Second
)

// s3Sources lists and opens S3 objects. The client is made on first use,
// from the standard AWS configuration chain (environment, shared files,
// SSO, instance role), so that commands without s3:// operands never look
// for credentials.
type s3Sources struct {
	// endpoint is --endpoint-url: an S3-compatible store (or a test server),
	// addressed path-style as the AWS CLI does.
	endpoint string
	// timeout bounds each wait for the server (--s3-timeout): for response
	// headers, and for the next byte of a body or of a listing page. A
	// request that times out is retried; a body that stalls fails its
	// object.
	timeout time.Duration
	// maxAttempts (--s3-max-attempts; 0: AWS_MAX_ATTEMPTS, else
	// defaultS3MaxAttempts) and maxBackoff (--s3-max-backoff) configure
	// the retryer.
	maxAttempts int
	maxBackoff  time.Duration

	once   sync.Once
	client *s3.Client
	err    error
}

// flags registers the S3 flags of validate and normalize on fs.
func (s *s3Sources) flags(fs *flag.FlagSet) {
	fs.StringVar(&s.endpoint, "endpoint-url", "", "`URL` of an S3-compatible endpoint for s3:// operands, addressed path-style (as the AWS CLI's --endpoint-url)")
	fs.DurationVar(&s.timeout, "s3-timeout", defaultS3Timeout, "longest wait for S3 to answer or send the next byte; a request that waits longer is retried, an object whose body stalls fails")
	fs.IntVar(&s.maxAttempts, "s3-max-attempts", 0, fmt.Sprintf("attempts of each S3 request (default $AWS_MAX_ATTEMPTS, else %d); retries back off and have no client-side quota", defaultS3MaxAttempts))
	fs.DurationVar(&s.maxBackoff, "s3-max-backoff", defaultS3MaxBackoff, "longest wait between two attempts of an S3 request")
}

// s3Client returns the client.
func (s *s3Sources) s3Client(ctx context.Context) (*s3.Client, error) {
	s.once.Do(func() {
		cfg, err := config.LoadDefaultConfig(ctx)
		if err != nil {
			s.err = fmt.Errorf("loading the AWS configuration: %w", err)
			return
		}
		switch {
		case cfg.Region == "" && s.endpoint != "":
			// An S3-compatible store rarely has regions; the signature
			// needs one.
			cfg.Region = "us-east-1"
		case cfg.Region == "":
			// The SDK would only say "endpoint rule error, Invalid region"
			// at the first request.
			s.err = errors.New("no AWS region: set AWS_REGION (e.g. AWS_REGION=us-east-1), or region in ~/.aws/config for the profile in use")
			return
		}
		attempts := s.maxAttempts
		if attempts <= 0 {
			attempts = cfg.RetryMaxAttempts // AWS_MAX_ATTEMPTS, max_attempts
		}
		if attempts <= 0 {
			attempts = defaultS3MaxAttempts
		}
		// The standard retryer with backoff, but without its client-side
		// quota: under throttling (503 SlowDown) across thousands of
		// objects the quota empties, and every later object fails at its
		// first error ("retry quota exceeded") whatever the attempts.
		cfg.Retryer = func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.MaxAttempts = attempts
				o.MaxBackoff = s.maxBackoff
				o.RateLimiter = ratelimit.None
			})
		}
		cfg.RetryMaxAttempts = 0 // the retryer's, above
		timeout := s.timeout
		cfg.HTTPClient = awshttp.NewBuildableClient().
			WithReadTimeout(timeout). // idle body and listing reads
			WithTransportOptions(func(tr *http.Transport) { tr.ResponseHeaderTimeout = timeout })
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
	listed := 0
	seen := map[string]bool{}
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return append(out, source{name: uri, err: fmt.Errorf("listing %s: %w", uri, err)})
		}
		for _, obj := range page.Contents {
			listed++
			key := aws.ToString(obj.Key)
			if strings.HasSuffix(key, "/") || hidden(strings.TrimPrefix(key, prefix)) {
				continue
			}
			out = append(out, s.object(client, bucket, key, aws.ToInt64(obj.Size)))
		}
		// The paginator stops without a word on a truncated page that has
		// no token to go on with, and loops on a token that comes back.
		token := aws.ToString(page.NextContinuationToken)
		switch {
		case aws.ToBool(page.IsTruncated) && token == "":
			return append(out, source{name: uri, err: fmt.Errorf("listing %s: %w after %d objects: the page is truncated but has no NextContinuationToken", uri, errListing, listed)})
		case seen[token]:
			return append(out, source{name: uri, err: fmt.Errorf("listing %s: %w after %d objects: continuation token %q came back", uri, errListing, listed, token)})
		}
		seen[token] = true
	}
	if len(out) == n {
		return append(out, source{name: uri, err: fmt.Errorf("%s: no objects under this prefix", uri)})
	}
	return out
}

// errListing is wrapped by the error of a listing that cannot be followed to
// its end.
var errListing = errors.New("incomplete listing")

// object is the source of the object bucket/key, of size bytes as listed.
func (s *s3Sources) object(client *s3.Client, bucket, key string, size int64) source {
	name := "s3://" + bucket + "/" + key
	return source{name: name, open: func(ctx context.Context) (io.ReadCloser, error) {
		obj, err := client.GetObject(ctx, &s3.GetObjectInput{
			Bucket: aws.String(bucket), Key: aws.String(key),
			ChecksumMode: types.ChecksumModeEnabled, // checked at the end of the body where S3 has one
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		// Streamed, never held whole; a body shorter than the listing says
		// is an error, not the end of the object.
		return &objectBody{ReadCloser: obj.Body, size: size, timeout: s.timeout}, nil
	}}
}

// objectBody is the body of an object, checked against its listed size.
type objectBody struct {
	io.ReadCloser
	size, n int64
	timeout time.Duration
}

func (b *objectBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n += int64(n)
	var rt *awshttp.ResponseTimeoutError
	switch {
	case err == io.EOF && b.n != b.size:
		err = fmt.Errorf("%w: the body ended after %d bytes, the listing says the object has %d", io.ErrUnexpectedEOF, b.n, b.size)
	case errors.As(err, &rt):
		err = fmt.Errorf("%w: no data for %v (--s3-timeout) after %d of %d bytes", errS3Stalled, b.timeout, b.n, b.size)
	}
	return n, err
}

// errS3Stalled is wrapped by the error of an object whose body stopped
// coming.
var errS3Stalled = errors.New("S3 stalled")
