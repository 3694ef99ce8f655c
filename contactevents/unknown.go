package contactevents

import "github.com/connectevents/sdk-go/internal/codec"

// UnknownMember is an object member that the schema, or the profile in use,
// does not know. Every generated struct keeps them in its Unknown field, in
// input order, and writes them back when encoded, so that a decode and
// re-encode loses no data. Key is the member's key; Value its raw JSON.
type UnknownMember = codec.UnknownMember

func appendString(b []byte, s string) []byte { return codec.AppendString(b, s) }
