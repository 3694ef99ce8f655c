package main

// S3 faults (issue 17), each through a fault-injecting proxy of the tests'
// own in front of gofakes3, reached by the real AWS SDK client: a short
// body, a wrong checksum, stalls, throttling, listings that cannot be
// followed. Each fails the object (or the listing) with an error that names
// it, and the run goes on.

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// s3Proxy forwards the requests to an S3 server; fault may answer a
// request itself (it returns true), with forward to fetch the server's
// answer.
type s3Proxy struct {
	upstream string
	fault    func(w http.ResponseWriter, r *http.Request, forward func() (*http.Response, []byte)) bool
	mu       sync.Mutex
	gets     map[string]int // GETs of each object so far
}

// faultyS3 serves objects as fakeS3 does, through a proxy whose fault is
// set with the returned function; it returns the proxy's URL.
func faultyS3(t *testing.T, bucket string, objects map[string][]byte) (string, *s3Proxy) {
	t.Helper()
	p := &s3Proxy{upstream: fakeS3(t, bucket, objects), gets: map[string]int{}}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	return srv.URL, p
}

func (p *s3Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	forward := func() (*http.Response, []byte) {
		req, _ := http.NewRequestWithContext(r.Context(), r.Method, p.upstream+r.URL.RequestURI(), r.Body)
		req.Header = r.Header.Clone()
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			return &http.Response{StatusCode: http.StatusBadGateway, Header: http.Header{}}, nil
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, body
	}
	if p.fault != nil && p.fault(w, r, forward) {
		return
	}
	resp, body := forward()
	writeResponse(w, resp, body)
}

// attempt counts a GET of the object r names and returns its number, from 1.
func (p *s3Proxy) attempt(r *http.Request) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.gets[r.URL.Path]++
	return p.gets[r.URL.Path]
}

func writeResponse(w http.ResponseWriter, resp *http.Response, body []byte) {
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(resp.StatusCode)
	w.Write(body)
}

// isGet reports whether r gets the object key of the bucket (path-style).
func isGet(r *http.Request, bucket, key string) bool {
	return r.Method == http.MethodGet && r.URL.Path == "/"+bucket+"/"+key
}

// isList reports whether r lists the bucket.
func isList(r *http.Request) bool { return r.URL.Query().Has("list-type") }

// stall answers nothing until the client gives up.
func stall(r *http.Request) { <-r.Context().Done() }

// threeObjects is a prefix of three NDJSON objects of ten events each.
func threeObjects() map[string][]byte {
	objects := map[string][]byte{}
	for i := range 3 {
		var b bytes.Buffer
		for j := range 10 {
			b.Write(event(10*i + j))
			b.WriteByte('\n')
		}
		objects[fmt.Sprintf("d/part-%d", i)] = b.Bytes()
	}
	return objects
}

// timeout is the tests' --s3-timeout: short, for the stalls, but long
// enough for the other requests on a loaded machine under -race.
const timeout = "1s"

// s3Args are the flags of a run against url with short timeouts and no
// wait between attempts.
func s3Args(url string, more ...string) []string {
	return append([]string{"validate", "--endpoint-url", url, "--s3-timeout", timeout, "--s3-max-backoff", "1ms", "--s3-max-attempts", "2"}, more...)
}

// wantFailed checks that a run exited 2, reported events (those of the two
// good objects, and what came of the failed one before its error), and
// named the failed one with msg (a regular expression) on stderr, in the
// JSON output (unless stalls, which take their timeout each run) and in the
// summary.
func wantFailed(t *testing.T, url string, events int, msg string, stalls bool) {
	t.Helper()
	re := regexp.MustCompile(`^contactevents: s3://b/d/part-1: ` + msg + `\n$`)
	out, errOut, code := cli(t, nil, s3Args(url, "s3://b/d/")...)
	if code != exitError || !re.MatchString(errOut) {
		t.Errorf("exit %d, stderr %q; want exit 2 and %s", code, errOut, re)
	}
	if want := fmt.Sprintf("%d events: %d valid, 0 invalid (0 warnings); 1 source could not be read", events, events); lastLine(out) != want {
		t.Errorf("summary %q, want %q", lastLine(out), want)
	}
	if stalls {
		return
	}
	out, _, _ = cli(t, nil, s3Args(url, "--output", "json", "s3://b/d/")...)
	if !regexp.MustCompile(`\n{"source":"s3://b/d/part-1","error":"` + msg + `"}\n{"source":"s3://b/d/part-2"`).MatchString(out) {
		t.Errorf("the JSON output has no record of the failed object in its place:\n%s", out)
	}
}

// A body shorter than the listing's Size, with a Content-Length that agrees
// with it and cut at a line boundary, is an I/O error of its object (it was
// taken as the whole object: 5 of its 10 events, exit 0).
func TestS3ShortBodyIsAnErrorOfItsObject(t *testing.T) {
	url, p := faultyS3(t, "b", threeObjects())
	p.fault = func(w http.ResponseWriter, r *http.Request, forward func() (*http.Response, []byte)) bool {
		if !isGet(r, "b", "d/part-1") {
			return false
		}
		resp, body := forward()
		cut := bytes.LastIndexByte(body[:len(body)/2], '\n') + 1
		resp.Header.Del("ETag")
		writeResponse(w, resp, body[:cut])
		return true
	}
	wantFailed(t, url, 25, `read error after \d+ bytes, line 6: unexpected EOF: the body ended after \d+ bytes, the listing says the object has \d+`, false)
}

// A body whose checksum is not the one S3 sends is an I/O error of its
// object. The checksum is checked at the end of the body, which is streamed:
// its events are reported before the error says they cannot be trusted.
func TestS3ChecksumMismatchIsAnErrorOfItsObject(t *testing.T) {
	url, p := faultyS3(t, "b", threeObjects())
	p.fault = func(w http.ResponseWriter, r *http.Request, forward func() (*http.Response, []byte)) bool {
		if !isGet(r, "b", "d/part-1") {
			return false
		}
		resp, body := forward()
		resp.Header.Set("x-amz-checksum-crc32", "AAAAAA==")
		writeResponse(w, resp, body)
		return true
	}
	wantFailed(t, url, 30, `read error after \d+ bytes, line 11: checksum did not match.*`, false)
}

// headersTimeout is the error of a request that got no response headers in
// time: the transport's ResponseHeaderTimeout or the connection's read
// timeout, whichever fires first (both are --s3-timeout).
const headersTimeout = `(timeout awaiting response headers|read on body reach timeout limit, 1s)`

// A stall (no response headers, a body that stops, a listing page that does
// not come) fails its object or listing after the SDK's attempts, with an
// error that names it, instead of hanging the run.
func TestS3StallFailsItsObjectAfterTheTimeout(t *testing.T) {
	t.Run("response headers", func(t *testing.T) {
		url, p := faultyS3(t, "b", threeObjects())
		p.fault = func(w http.ResponseWriter, r *http.Request, forward func() (*http.Response, []byte)) bool {
			if !isGet(r, "b", "d/part-1") {
				return false
			}
			stall(r)
			return true
		}
		wantFailed(t, url, 20, `operation error S3: GetObject, exceeded maximum number of attempts, 2, .*`+headersTimeout, true)
	})
	t.Run("body", func(t *testing.T) {
		bodyEvents := bytes.Count(threeObjects()["d/part-1"][:len(threeObjects()["d/part-1"])/2], []byte("\n"))
		url, p := faultyS3(t, "b", threeObjects())
		p.fault = func(w http.ResponseWriter, r *http.Request, forward func() (*http.Response, []byte)) bool {
			if !isGet(r, "b", "d/part-1") {
				return false
			}
			resp, body := forward()
			for k, v := range resp.Header {
				w.Header()[k] = v
			}
			w.WriteHeader(resp.StatusCode)
			w.Write(body[:len(body)/2]) // bodyEvents whole lines
			w.(http.Flusher).Flush()
			stall(r)
			return true
		}
		wantFailed(t, url, 20+bodyEvents, `read error after \d+ bytes, line \d+: S3 stalled: no data for 1s \(--s3-timeout\) after \d+ of \d+ bytes`, true)
	})
	t.Run("listing page", func(t *testing.T) {
		url, p := faultyS3(t, "b", threeObjects())
		p.fault = func(w http.ResponseWriter, r *http.Request, forward func() (*http.Response, []byte)) bool {
			if !isList(r) {
				return false
			}
			stall(r)
			return true
		}
		_, errOut, code := cli(t, nil, s3Args(url, "s3://b/d/")...)
		if want := regexp.MustCompile(`^contactevents: listing s3://b/d/: operation error S3: ListObjectsV2, exceeded maximum number of attempts, 2, .*` + headersTimeout + `\n$`); code != exitError || !want.MatchString(errOut) {
			t.Errorf("exit %d, stderr %q; want 2, %s", code, errOut, want)
		}
	})
}

// Throttling (503 SlowDown) on every object, twice each before it is
// served: the SDK's client-side retry quota would empty after about 100
// objects and fail every later one at its first 503 ("retry quota
// exceeded"). With backoff and no quota, every object is read.
func TestS3ThrottlingDoesNotExhaustARetryQuota(t *testing.T) {
	objects := map[string][]byte{}
	for i := range 150 {
		objects[fmt.Sprintf("d/part-%03d", i)] = append(event(i), '\n')
	}
	url, p := faultyS3(t, "b", objects)
	p.fault = throttle(p, 2)
	out, errOut, code := cli(t, nil, "validate", "--endpoint-url", url, "--s3-max-backoff", "1ms", "s3://b/d/")
	if code != exitValid || errOut != "" || lastLine(out) != "150 events: 150 valid, 0 invalid (0 warnings)" {
		t.Errorf("exit %d, stderr %q, summary %q; want every object read", code, errOut, lastLine(out))
	}
}

// throttle answers the first n GETs of every object 503 SlowDown.
func throttle(p *s3Proxy, n int) func(w http.ResponseWriter, r *http.Request, forward func() (*http.Response, []byte)) bool {
	return func(w http.ResponseWriter, r *http.Request, forward func() (*http.Response, []byte)) bool {
		if r.Method != http.MethodGet || isList(r) || p.attempt(r) > n {
			return false
		}
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>`)
		return true
	}
}

// The attempts are AWS_MAX_ATTEMPTS's, and --s3-max-attempts's when given.
func TestS3MaxAttemptsFromTheEnvironmentAndTheFlag(t *testing.T) {
	for _, tc := range []struct {
		env, flag string
		ok        bool
	}{
		{"3", "", false}, // 3 attempts, 3 throttled
		{"4", "", true},
		{"4", "3", false},
		{"", "", true}, // the default, 10
	} {
		t.Run(tc.env+"/"+tc.flag, func(t *testing.T) {
			url, p := faultyS3(t, "b", threeObjects())
			p.fault = throttle(p, 3)
			t.Setenv("AWS_MAX_ATTEMPTS", tc.env)
			args := []string{"validate", "--endpoint-url", url, "--s3-max-backoff", "1ms"}
			if tc.flag != "" {
				args = append(args, "--s3-max-attempts", tc.flag)
			}
			out, errOut, code := cli(t, nil, append(args, "s3://b/d/")...)
			switch {
			case tc.ok && (code != exitValid || lastLine(out) != "30 events: 30 valid, 0 invalid (0 warnings)"):
				t.Errorf("exit %d, stderr %q, summary %q; want every object read", code, errOut, lastLine(out))
			case !tc.ok && (code != exitError || !strings.Contains(lastLine(out), "; 3 sources could not be read") || !strings.Contains(errOut, "SlowDown")):
				t.Errorf("exit %d, stderr %q, summary %q; want every object failed with SlowDown", code, errOut, lastLine(out))
			}
		})
	}
}

// A listing page with IsTruncated and no NextContinuationToken, or a token
// that comes back, cannot be followed: an error of the listing (it stopped
// there without a word, exit 0), after the objects listed so far.
func TestS3ListingThatCannotBeFollowedIsAnError(t *testing.T) {
	for _, tc := range []struct {
		name    string
		rewrite func([]byte) []byte
		listed  int // objects listed before the error (the second page lists them again)
	}{
		{"truncated without a token", func(b []byte) []byte {
			b = regexp.MustCompile(`<NextContinuationToken>[^<]*</NextContinuationToken>`).ReplaceAll(b, nil)
			return bytes.Replace(b, []byte("<IsTruncated>false</IsTruncated>"), []byte("<IsTruncated>true</IsTruncated>"), 1)
		}, 3},
		{"a token that comes back", func(b []byte) []byte {
			return bytes.Replace(b, []byte("<IsTruncated>false</IsTruncated>"), []byte("<IsTruncated>true</IsTruncated><NextContinuationToken>again</NextContinuationToken>"), 1)
		}, 6},
	} {
		name, rewrite := tc.name, tc.rewrite
		t.Run(name, func(t *testing.T) {
			url, p := faultyS3(t, "b", threeObjects())
			p.fault = func(w http.ResponseWriter, r *http.Request, forward func() (*http.Response, []byte)) bool {
				if !isList(r) {
					return false
				}
				q := r.URL.Query()
				q.Del("continuation-token") // the server's listing again
				r.URL.RawQuery = q.Encode()
				resp, body := forward()
				writeResponse(w, resp, rewrite(body))
				return true
			}
			out, errOut, code := cli(t, nil, s3Args(url, "s3://b/d/")...)
			if want := regexp.MustCompile(fmt.Sprintf(`^contactevents: listing s3://b/d/: incomplete listing after %d objects: `, tc.listed)); code != exitError || !want.MatchString(errOut) {
				t.Errorf("exit %d, stderr %q; want exit 2, %s", code, errOut, want)
			}
			if want := fmt.Sprintf("%d events: %d valid, 0 invalid (0 warnings); 1 source could not be read", 10*tc.listed, 10*tc.listed); lastLine(out) != want {
				t.Errorf("summary %q, want %q", lastLine(out), want)
			}
		})
	}
}
