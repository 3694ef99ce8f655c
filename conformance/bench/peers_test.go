package bench

import (
	"encoding/json"
	"errors"

	"github.com/bytedance/sonic"
	goccy "github.com/goccy/go-json"
	"github.com/mailru/easyjson"
	segjson "github.com/segmentio/encoding/json"

	"github.com/connectevents/sdk-go/contactevents"
)

// decoderPeer is a JSON decoder into the plain structs (no validation).
type decoderPeer struct {
	name   string
	decode func(doc []byte, ev *plainEvent) error
	// caseSensitive: the peer matches keys exactly, where encoding/json
	// folds case, so it skips the members of the samples with PascalCase
	// keys (06, 08: "ContactId", "AgentInfo"): less work, in its favour.
	caseSensitive bool
}

// decoderPeers are the decoders compared, stdlib first (the reference of
// TestPeersAgree). jsonv2_test.go adds encoding/json/v2 when built with
// GOEXPERIMENT=jsonv2.
var decoderPeers = []decoderPeer{
	{"stdlib_Unmarshal", func(doc []byte, ev *plainEvent) error { return json.Unmarshal(doc, ev) }, false},
	{"segmentio_Unmarshal", func(doc []byte, ev *plainEvent) error { return segjson.Unmarshal(doc, ev) }, false},
	{"sonic_Unmarshal", func(doc []byte, ev *plainEvent) error { return sonic.Unmarshal(doc, ev) }, false},
	{"goccy_Unmarshal", func(doc []byte, ev *plainEvent) error { return goccy.Unmarshal(doc, ev) }, true},
	{"easyjson_Unmarshal", func(doc []byte, ev *plainEvent) error { return easyjson.Unmarshal(doc, ev) }, true},
	{"jx_handwritten", UnmarshalJX, false},
}

// validatorPeer checks a document without keeping anything.
type validatorPeer struct {
	name  string
	valid func(doc []byte) error
}

var errInvalid = errors.New("invalid")

// syntaxPeers check syntax only.
var syntaxPeers = []validatorPeer{
	{"segmentio_Valid", func(doc []byte) error { return validOrNot(segjson.Valid(doc)) }},
	{"sonic_Valid", func(doc []byte) error { return validOrNot(sonic.Valid(doc)) }},
	{"stdlib_Valid", func(doc []byte) error { return validOrNot(json.Valid(doc)) }},
}

func validOrNot(ok bool) error {
	if !ok {
		return errInvalid
	}
	return nil
}

// schemaPeers are JSON Schema validators against the compat profile
// schema, after encoding/json decodes the document into any.
var schemaPeers = []validatorPeer{
	{"stdlib_santhosh_jsonschema", func(doc []byte) error {
		sch, err := compatSchema()
		if err != nil {
			return err
		}
		var v any
		if err := json.Unmarshal(doc, &v); err != nil {
			return err
		}
		return sch.Validate(v)
	}},
}

// sdkParse is the SDK's Parse (compat), whose events are kept.
func sdkParse(doc []byte) error {
	_, err := contactevents.Parse(doc)
	return err
}
