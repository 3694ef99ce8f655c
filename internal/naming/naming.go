// Package naming turns the schema's names (JSON keys, enum values,
// definition names) into Go identifiers with Go's initialisms, and finds
// identifiers that spell an initialism the wrong way.
//
// The generator names every type, field, constant and method with Ident,
// and a test of the SDK walks its exported identifiers with Miscased, so
// that the two agree on one table: this package's.
package naming

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms maps an initialism, upper-cased, to its Go spelling: the
// golint list the Go standard library follows, plus the words of Amazon
// Connect and AWS (AMD answering-machine detection, SIT special information
// tone, ACW after-contact work, ARN Amazon Resource Name) and the one mixed
// case spelling the documents use (WebRTC).
var initialisms = map[string]string{
	"ACL": "ACL", "ACW": "ACW", "AMD": "AMD", "API": "API", "ARN": "ARN", "ASCII": "ASCII",
	"AWS": "AWS", "CPU": "CPU", "CSS": "CSS", "DNS": "DNS", "EOF": "EOF", "GUID": "GUID",
	"HTML": "HTML", "HTTP": "HTTP", "HTTPS": "HTTPS", "ID": "ID", "IP": "IP", "IVR": "IVR",
	"JSON": "JSON", "QPS": "QPS", "RAM": "RAM", "RPC": "RPC", "SIT": "SIT", "SLA": "SLA",
	"SMS": "SMS", "SMTP": "SMTP", "SNS": "SNS", "SQL": "SQL", "SQS": "SQS", "SSH": "SSH",
	"TCP": "TCP", "TLS": "TLS", "TTL": "TTL", "UDP": "UDP", "UI": "UI", "UID": "UID",
	"URI": "URI", "URL": "URL", "UTC": "UTC", "UTF8": "UTF8", "UUID": "UUID", "VM": "VM",
	"WEBRTC": "WebRTC", "XML": "XML", "XMPP": "XMPP", "XSRF": "XSRF", "XSS": "XSS",
}

// Words splits a name into its words: at every character that is neither a
// letter nor a digit, and at camel-case boundaries (instanceArn -> instance
// Arn, AMDError -> AMD Error, SITToneDetected -> SIT Tone Detected, AgentIDs
// -> Agent IDs).
func Words(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		rs := []rune(part)
		start := 0
		for i := 1; i < len(rs); i++ {
			prev, cur := rs[i-1], rs[i]
			next := rune(0)
			if i+1 < len(rs) {
				next = rs[i+1]
			}
			lowerToUpper := (unicode.IsLower(prev) || unicode.IsDigit(prev)) && unicode.IsUpper(cur)
			// An initialism's plural (IDs, ARNs) is one word.
			plural := next == 's' && (i+2 == len(rs) || !unicode.IsLower(rs[i+2]))
			acronymEnd := unicode.IsUpper(prev) && unicode.IsUpper(cur) && unicode.IsLower(next) && !plural
			if lowerToUpper || acronymEnd {
				out = append(out, string(rs[start:i]))
				start = i
			}
		}
		out = append(out, string(rs[start:]))
	}
	return out
}

// Ident returns the exported Go identifier of a schema name: each word
// capitalised, an all-caps word (an enum value's QUEUE_TRANSFER) in title
// case, and an initialism, or its plural, in its Go spelling
// (instanceArn -> InstanceARN, AMD_DISABLED -> AMDDisabled, agentIds ->
// AgentIDs, SIT_TONE_DETECTED -> SITToneDetected).
func Ident(s string) string {
	var b strings.Builder
	for _, w := range Words(s) {
		b.WriteString(word(w))
	}
	return b.String()
}

func word(w string) string {
	u := strings.ToUpper(w)
	if form, ok := initialisms[u]; ok {
		return form
	}
	if stem, ok := strings.CutSuffix(w, "s"); ok && len(stem) > 1 {
		if form, ok := initialisms[strings.ToUpper(stem)]; ok {
			return form + "s"
		}
	}
	if u == w {
		w = strings.ToLower(w)
	}
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// Miscased returns the initialisms that ident spells the wrong way, each as
// found (Api in InitiationMethodApi, Arns in QueueArns), or nil. A word is
// mis-cased when it is an initialism, or its plural, in another spelling
// than Go's; words that merely start like one (Identifier, Situation) are
// not.
func Miscased(ident string) []string {
	var bad []string
	for _, w := range Words(ident) {
		if word(w) != w && (isInitialism(w) || isInitialism(strings.TrimSuffix(w, "s"))) {
			bad = append(bad, w)
		}
	}
	return bad
}

func isInitialism(w string) bool {
	_, ok := initialisms[strings.ToUpper(w)]
	return ok
}
