package main

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/segmentio/encoding/json"
)

// locate finds the value that the JSON Pointer ptr names in the JSON text
// data and returns its byte offset. When the pointer cannot be followed to
// the end (the SDK reports a missing member at its parent, and an issue may
// name a canonical key that the input spells otherwise), it returns the
// offset of the deepest value it reached, with exact false. isString reports
// whether the value found is a JSON string (a record embedded in a string,
// such as an SQS body, cannot be followed into).
//
// data need not be valid JSON after the value found: locate reads only what
// it must, and gives up (returning what it has) on anything malformed.
func locate(data []byte, ptr string) (offset int, exact, isString bool) {
	i := skipSpace(data, 0)
	if i >= len(data) {
		return 0, false, false
	}
	if ptr == "" {
		return i, true, data[i] == '"'
	}
	if ptr[0] != '/' {
		return i, false, false
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		next, ok := member(data, i, tok)
		if !ok {
			return i, false, data[i] == '"'
		}
		i = next
	}
	return i, true, data[i] == '"'
}

// member returns the offset of the member tok of the object or array that
// starts at data[i].
func member(data []byte, i int, tok string) (int, bool) {
	switch data[i] {
	case '{':
		i = skipSpace(data, i+1)
		for i < len(data) && data[i] == '"' {
			end := skipString(data, i)
			if end < 0 {
				return 0, false
			}
			key := data[i+1 : end-1]
			match := false
			if bytes.IndexByte(key, '\\') < 0 {
				match = string(key) == tok
			} else {
				var s string
				match = json.Unmarshal(data[i:end], &s) == nil && s == tok
			}
			i = skipSpace(data, end)
			if i >= len(data) || data[i] != ':' {
				return 0, false
			}
			i = skipSpace(data, i+1)
			if i >= len(data) {
				return 0, false
			}
			if match {
				return i, true
			}
			if i = skipSpace(data, skipValue(data, i)); i < 0 || i >= len(data) || data[i] != ',' {
				return 0, false
			}
			i = skipSpace(data, i+1)
		}
	case '[':
		n, err := strconv.Atoi(tok)
		if err != nil || n < 0 || (len(tok) > 1 && tok[0] == '0') {
			return 0, false
		}
		i = skipSpace(data, i+1)
		for k := 0; i < len(data) && data[i] != ']'; k++ {
			if k == n {
				return i, true
			}
			if i = skipSpace(data, skipValue(data, i)); i < 0 || i >= len(data) || data[i] != ',' {
				return 0, false
			}
			i = skipSpace(data, i+1)
		}
	}
	return 0, false
}

// skipSpace returns the offset of the first non-space byte at or after i
// (len(data) when there is none; i itself when i < 0).
func skipSpace(data []byte, i int) int {
	if i < 0 {
		return i
	}
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the offset just after the string that starts at
// data[i], or -1.
func skipString(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// skipValue returns the offset just after the value that starts at data[i],
// or -1 when it does not end.
func skipValue(data []byte, i int) int {
	if i < 0 || i >= len(data) {
		return -1
	}
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				if j = skipString(data, j); j < 0 {
					return -1
				}
				j--
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(data) && !strings.ContainsRune(" \t\r\n,]}", rune(data[j])) {
		j++
	}
	return j
}
