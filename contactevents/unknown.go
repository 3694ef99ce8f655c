package contactevents

import "github.com/connectevents/sdk-go/internal/codec"

// UnknownMember is an object member that the schema, or the profile in use,
// does not know. Every generated struct keeps them in its Unknown field, in
// input order, and writes them back when encoded, so that a decode and
// re-encode loses no data.
//
// The decoding runtime fills it through its shape (a struct of these two
// fields), so that it is a type of this package, with its own methods free
// to add, not an alias of a struct from elsewhere.
type UnknownMember struct {
	Key   string // the member's key, unescaped
	Value []byte // the member's raw JSON value, as in the input
}

func appendString(b []byte, s string) []byte { return codec.AppendString(b, s) }
