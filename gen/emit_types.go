package main

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"
)

const (
	codecPkg     = "github.com/connectevents/sdk-go/internal/codec"
	scanPkg      = "github.com/connectevents/sdk-go/internal/scan"
	timestampPkg = "github.com/connectevents/sdk-go/internal/timestamp"
	issuePkg     = "github.com/connectevents/sdk-go/internal/issue"
)

// doc makes a Go doc comment that starts with name, as godoc wants, from a
// schema description.
func doc(name, description string) jen.Code {
	return comment(sentence(name, description), 76)
}

// comment wraps text into // lines (jennifer writes a multi-line Comment as
// a /* */ block, which Go code does not use for doc comments).
func comment(text string, width int) *jen.Statement {
	var s *jen.Statement
	for _, line := range strings.Split(wrap(text, width), "\n") {
		if s == nil {
			s = jen.Comment(line)
		} else {
			s = s.Line().Comment(line)
		}
	}
	return s
}

// sentence joins a Go name and a schema description into one sentence:
// "The identifier ..." becomes "ContactID is the identifier ...", and
// "Indicates how ..." becomes "InitiationMethod indicates how ...".
func sentence(name, description string) string {
	d := strings.TrimSpace(description)
	if d == "" {
		return name + " is not described by the schema."
	}
	first, _, _ := strings.Cut(d, " ")
	lower := strings.ToLower(d[:1]) + d[1:]
	switch first {
	case "A", "An", "The", "One":
		return name + " is " + lower
	case "Indicates", "Represents":
		return name + " " + lower
	case "Whether", "How", "Information", "Routing", "List", "Tags", "What", "When", "Current", "Not", "User-defined", "Segment", "Everything":
		return name + " holds " + lower
	default:
		return name + " holds " + d
	}
}

func wrap(s string, width int) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// goType is the Go type of a property's value; optional says whether an
// absent value needs a pointer to be told apart.
func (m *model) goType(t *typ, optional bool) jen.Code {
	switch t.kind {
	case tRef:
		switch t.ref.kind {
		case kindObject:
			if optional {
				return jen.Op("*").Id(t.ref.goName)
			}
			return jen.Id(t.ref.goName)
		case kindTimestamp:
			return jen.Id("Timestamp")
		case kindString:
			if optional && t.ref.str.min < 1 {
				return jen.Op("*").String()
			}
			return jen.String()
		default:
			return jen.Id(t.ref.goName)
		}
	case tString:
		if optional && t.str.min < 1 {
			return jen.Op("*").String()
		}
		return jen.String()
	case tInteger:
		if optional {
			return jen.Op("*").Int64()
		}
		return jen.Int64()
	case tNumber:
		if optional {
			return jen.Op("*").Float64()
		}
		return jen.Float64()
	case tBool:
		if optional {
			return jen.Op("*").Bool()
		}
		return jen.Bool()
	case tArray:
		return jen.Index().Add(m.goType(t.items, false))
	case tMap:
		return jen.Map(jen.String()).Add(m.goType(t.mapValue, false))
	case tOneOrMany:
		return jen.Index().Id(t.ref.goName)
	}
	panic(fmt.Sprintf("unknown type kind %d", t.kind))
}

func (m *model) spellings(p *prop) string {
	names := []string{"\"" + p.name + "\""}
	for _, a := range p.aliases {
		names = append(names, "\""+a.name+"\"")
	}
	return strings.Join(names, ", ")
}

func (m *model) emitTypes(f *jen.File) {
	for _, d := range m.defs {
		switch d.kind {
		case kindObject:
			var fields []jen.Code
			for _, p := range d.props {
				c := p.description
				if len(p.aliases) > 0 {
					c += " JSON keys: " + m.spellings(p) + "."
				} else {
					c += " JSON key: \"" + p.name + "\"."
				}
				if m.goRequired(p) {
					c += " Required."
				}
				if p.t.kind == tOneOrMany {
					c += " Decoded from an object or an array; encoded as an object when it holds one element."
				}
				if len(fields) > 0 {
					fields = append(fields, jen.Line())
				}
				fields = append(fields, comment(sentence(p.goName, c), 74))
				fields = append(fields, jen.Id(p.goName).Add(m.goType(p.t, !m.goRequired(p))))
			}
			fields = append(fields, jen.Line(), comment("Unknown holds the members this type does not know (or the profile in use does not accept), verbatim and in order, so that nothing is lost.", 74),
				jen.Id("Unknown").Index().Id("UnknownMember"))
			f.Add(doc(d.goName, d.description))
			f.Type().Id(d.goName).Struct(fields...)
			f.Line()
		case kindMap:
			f.Add(doc(d.goName, d.description))
			f.Type().Id(d.goName).Map(jen.String()).Add(m.goType(d.mapValue, false))
			f.Line()
		}
	}
}
