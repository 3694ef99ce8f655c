//go:build goexperiment.jsonv2

package bench

import jsonv2 "encoding/json/v2"

// encoding/json/v2 is in the standard library behind GOEXPERIMENT=jsonv2:
//
//	GOEXPERIMENT=jsonv2 go test -run '^$' -bench . -cpu 1
//
// It matches keys case-sensitively unless told otherwise; MatchCaseInsensitiveNames
// makes it fill the PascalCase samples' fields as encoding/json does.
func init() {
	decoderPeers = append(decoderPeers, decoderPeer{"stdlib_v2_Unmarshal", func(doc []byte, ev *plainEvent) error {
		return jsonv2.Unmarshal(doc, ev, jsonv2.MatchCaseInsensitiveNames(true))
	}, false})
}
