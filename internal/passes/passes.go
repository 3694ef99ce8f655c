// Package passes is a test hook: it lets the tests of the repository count
// how many times the SDK decodes each event document (the SDK's premise is
// one validating pass per event). It costs the SDK one nil check per
// decoded document.
package passes

// Decoded, when set (by a test, before it decodes and never concurrently
// with decoding), is called with every event document the SDK decodes.
var Decoded func(doc []byte)
