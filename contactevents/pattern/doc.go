// Package pattern matches EventBridge event patterns locally, with
// EventBridge's semantics, and lints them against the contact-event schema,
// so that a rule that can never match is caught before it is deployed (a
// rule that matches nothing fails silently: nothing arrives).
//
// # Matching
//
// Compile a pattern once, then match events; a Pattern is safe for
// concurrent use:
//
//	p, err := pattern.Compile([]byte(`{
//	  "source": ["aws.connect"],
//	  "detail-type": ["Amazon Connect Contact Event"],
//	  "detail": {"eventType": [{"anything-but": ["CONTACT_DATA_UPDATED"]}]}
//	}`))
//	if err != nil {
//		var perr *pattern.Error // where in the pattern, and what is wrong
//		...
//	}
//	ok, err := p.Match(eventBytes) // any EventBridge event, as raw JSON
//
// Match reads the event once and allocates nothing: it checks the members
// the pattern names, skips the others by their structure, and stops once it
// has read them all, so that it costs a fraction of decoding the event.
// MatchEvent matches a decoded *contactevents.Event.
//
// The reader is the SDK's one JSON reader, internal/scan's Scanner, the
// one Parse validates with: the keys and the values a rule names are
// checked as Parse checks them (escapes, control bytes, UTF-8, the number
// grammar), every other value is skimmed by its structure (Skim: strings
// ended, brackets matched, 128 levels at most), and a malformed event is a
// *contactevents.SyntaxError in Parse's words, at its byte offset, line and
// column. Match and a RuleSet share that reading (eventReader: one loop
// over an object's members, one walk of a member's arrays), and differ
// only in what they record. Compile
// reads a pattern with the same Scanner, validating every byte: a pattern
// is small and read once, so skimming it would save nothing.
//
// # Rule sets
//
// A RuleSet matches many named patterns at once, as EventBridge matches
// every rule of a bus, and returns the names of the rules that match:
//
//	var rules pattern.RuleSet
//	err := rules.Add(pattern.Rule{Name: "disconnects", Pattern: p}, ...)
//	names, err = rules.Match(eventBytes, names[:0])
//
// Rules can be added and removed while other goroutines match. Each rule
// is indexed by a condition every event it matches must meet (an exact
// string, a prefix), so that a match reads the event once and evaluates
// only the rules that can match it, on the values it read. A set of one
// rule costs what its Pattern.Match costs.
//
// The semantics are those of the EventBridge User Guide (pages "Event
// patterns", "Content filtering", "Arrays in event patterns", "Comparison
// operators", "Matching null values and empty strings") and of
// github.com/aws/event-ruler, the engine behind them:
//
//   - A pattern is a JSON object with the structure of the events it
//     matches. Every field it names must match (and); a leaf is a list of
//     values and operators, any of which may match (or).
//   - An exact value is a string, a number (5 matches 5.0 and 5e0), true,
//     false or null. Null and "" are different values; [null] does not match
//     a missing field.
//   - When the event has an array, the pattern matches if any element
//     matches, at any depth of arrays; the fields of a pattern object must
//     all match within the same element of an array of objects (so
//     {"exists": false} there holds for an element without the field;
//     event-ruler decides that case by the order of the keys).
//   - Operators: prefix and suffix (each also {"equals-ignore-case": s}),
//     equals-ignore-case, wildcard ('*' for any run of characters, "\*"
//     and "\\" for the literal characters), anything-but (a string or
//     number, a list of either, or prefix, suffix, equals-ignore-case or
//     wildcard with a string or a list), numeric (=, <, <=, >, >=, and a
//     range such as [">", 0, "<=", 5], over float64 values), cidr (IPv4 and
//     IPv6 blocks), exists (true and false). String operators match strings
//     only and numeric ones numbers only; anything-but matches every leaf
//     it does not exclude.
//   - exists works on leaves: {"exists": false} matches when the field is
//     absent, and also when it holds an object or an empty array (not a
//     leaf); {"exists": true} needs a leaf value, null included.
//   - "$or" takes an array of at least two objects that apply to the object
//     holding it; it nests. A field named both beside $or and inside a
//     branch is event-ruler's override: in each branch, the later
//     condition on the field's path, in document order, replaces the
//     earlier ({"b": ["y"], "$or": [{"b": ["z"]}, {"c": ["w"]}]} is b = z,
//     or b = y and c = w; the same for detail.b reached through two
//     "detail" objects).
//   - A key with dots is a path: {"state.status": [...]} and {"state":
//     {"status": [...]}} are one field, in the pattern and in the event,
//     as event-ruler joins nested keys with dots.
//
// Where EventBridge's documentation says nothing and the SDK decides (each
// pinned in decisions_test.go): equals-ignore-case is Unicode simple case
// folding (strings.EqualFold), where event-ruler's Java lower-casing also
// matches ß with SS and İ with i̇; cidr reads addresses as net/netip does
// (an IPv4-mapped IPv6 address is its IPv4 address, an octet with a
// leading zero is no address, a number never matches); an exact string is
// compared as text even when it looks like an IP address.
//
// Compile rejects what EventBridge rejects, with an *Error that names the
// JSON Pointer of the offending value: a field whose value is not an object
// or an array, an empty array or object, an unknown operator, an operand of
// the wrong type, mixed strings and numbers in anything-but, a numeric
// condition out of order or with a number a float64 cannot hold exactly,
// a numeric range whose bottom is not below its top ("Bottom must be less
// than top"), an empty anything-but prefix or suffix, wildcards on one
// field that a value could match over 10 prefixes of at once (event-ruler's
// complexity measure; EventBridge's "Rule is too complex"),
// consecutive '*' or a bad escape in a wildcard, a malformed CIDR, an
// operator name used as a field inside $or, and $or with fewer than two
// objects. A key given twice in one pattern object is refused too:
// EventBridge's handling of it is undocumented.
//
// # Linting
//
// Lint checks a pattern against the contact-event schema under a profile
// (contactevents.Strict, Compat or Legacy) and returns findings, each with
// the JSON Pointer of the condition, a severity and a message:
//
//   - keys the profile does not know, with a did-you-mean that knows the
//     documented camelCase and PascalCase spellings ("EventType" is
//     "eventType");
//   - values outside an enumeration ("DISCONNECT": did you mean
//     DISCONNECTED?), and documented variants the profile rejects ("Voice"
//     under strict);
//   - conditions that can never be true for an event valid under the
//     profile: a numeric or literal condition of the wrong type, exists:
//     false on a property every event has, a prefix, suffix, wildcard or
//     equals-ignore-case that no documented value satisfies, a source or
//     detail-type other than a contact event's.
//
// Unknown keys and values are errors under strict and warnings under compat
// (which keeps unknown members and values); a condition that can never be
// true is an error under every profile. Every fact comes from the schema
// (github.com/connectevents/sdk-go/schema), read once: a value added to the
// schema is known to Lint without a code change.
package pattern
