package codec

import (
	"strconv"

	"github.com/connectevents/sdk-go/internal/issue"
)

// The keys of the map-shaped objects being decoded, innermost map last, to
// find a key given twice without asking the map (which is not built when
// the decode keeps nothing). A map's keys are compared in turn while it has
// a few (documented maps hold a handful: tags, segment attributes), and
// through a set once it has more, so that a document of many keys is still
// read in linear time.

// keysScanned is how many keys of one map are compared in turn before a
// set takes over.
const keysScanned = 16

// keySet is the set of the keys of one large map, from key index from on.
type keySet struct {
	from int
	set  map[string]struct{}
}

// BeginMap starts a map-shaped object; pass its result to MapKey and
// EndMap.
func (d *Decoder) BeginMap() int { return len(d.keys) }

// EndMap ends the map started at from.
func (d *Decoder) EndMap(from int) {
	clear(d.keys[from:]) // no reference to the document beyond its decode
	d.keys = d.keys[:from]
	if n := len(d.keySets); n > 0 && d.keySets[n-1].from == from {
		d.keySets[n-1] = keySet{}
		d.keySets = d.keySets[:n-1]
	}
}

// MapKey notes key as a member of the map started at from and reports
// whether it is new there. A key given twice is an error at uniqueKeyword,
// and its value is skipped.
func (d *Decoder) MapKey(from int, key, uniqueKeyword string) bool {
	if d.seenKey(from, key) {
		d.C.AddMember(issue.Error, key, uniqueKeyword, "key "+strconv.Quote(key)+" is given twice")
		d.S.Skip()
		return false
	}
	return true
}

// seenKey reports whether key is among the keys of the map started at
// from, and adds it if not.
func (d *Decoder) seenKey(from int, key string) bool {
	n := len(d.keySets)
	if n > 0 && d.keySets[n-1].from == from {
		set := d.keySets[n-1].set
		if _, ok := set[key]; ok {
			return true
		}
		set[key] = struct{}{}
		return false
	}
	for _, k := range d.keys[from:] {
		if k == key {
			return true
		}
	}
	d.keys = append(d.keys, key)
	if len(d.keys)-from > keysScanned {
		set := make(map[string]struct{}, 2*keysScanned)
		for _, k := range d.keys[from:] {
			set[k] = struct{}{}
		}
		d.keySets = append(d.keySets, keySet{from, set})
	}
	return false
}
