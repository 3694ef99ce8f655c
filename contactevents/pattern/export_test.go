package pattern

// UserGuideCases gives the external tests the User Guide table's patterns
// and events.
func UserGuideCases() [][2]string {
	var out [][2]string
	for _, c := range userGuide {
		out = append(out, [2]string{c.pattern, c.event})
	}
	return out
}
