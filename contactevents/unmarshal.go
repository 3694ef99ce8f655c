package contactevents

// unmarshalPart is the body of the generated UnmarshalJSON methods of the
// parts of an event (QueueInfo, AgentInfo, the maps, ...): it decodes data,
// one JSON value of the part whose definition's type keyword is keyword,
// with decode, through the generated single-pass decoder, and validates it
// under the Compat profile, as Parse does by default.
//
// decoded reports whether decode ran to the end of a well-formed value, so
// that the caller stores the result, valid or not (as Parse returns the
// event with a *ValidationError); err is a *SyntaxError (or several,
// joined), a *ValidationError whose instance locations are JSON Pointers
// within data, or an error wrapping ErrTooLarge. Warnings are dropped, as
// encoding/json has no way to return them. The decoded strings are copies:
// encoding/json does not let UnmarshalJSON keep data.
func unmarshalPart(data []byte, keyword string, decode func(d *decoder)) (decoded bool, err error) {
	o := defaultOptions
	if len(data) > o.maxSize {
		return false, eventSizeError(len(data), o.maxSize)
	}
	p, _ := o.profile.codec()
	d := decoders.Get().(*decoder)
	defer release(d)
	d.begin(data, p, int(o.maxDepth), true, false, nil) // the part outlives the call
	if d.Object(keyword) {
		decode(d)
	}
	d.S.Finish()
	if errs := d.S.Errors(); len(errs) > 0 {
		return false, syntaxErrors(errs, origin{})
	}
	if d.C.Errors() > 0 {
		return true, &ValidationError{Profile: o.profile, Issues: issuesOf(d.C.Issues())}
	}
	return true, nil
}
