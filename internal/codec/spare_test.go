package codec

import (
	"fmt"
	"strings"
	"testing"
)

func TestSpareValuesAreZeroedAndReused(t *testing.T) {
	var s Spare[[2]string]
	var first []*[2]string
	for i := range 10 { // past the first chunk of 4
		p := s.New()
		if *p != [2]string{} {
			t.Fatalf("value %d not zeroed: %q", i, *p)
		}
		p[0] = "doc 1"
		first = append(first, p)
	}
	s.Reset()
	for i := range 10 {
		p := s.New()
		if p != first[i] || *p != [2]string{} {
			t.Fatalf("after Reset, value %d: %p %q, want %p zeroed", i, p, *p, first[i])
		}
	}
	if n := testing.AllocsPerRun(10, func() {
		s.Reset()
		for range 10 {
			s.New()
		}
	}); n != 0 {
		t.Errorf("%v allocations per document once grown, want 0", n)
	}
}

func TestSpareKeepsABoundedAmount(t *testing.T) {
	var s Spare[int]
	for range 10 * spareRetained {
		s.New()
	}
	s.Reset()
	size := 0
	for _, c := range s.chunks {
		size += len(c)
	}
	if size > spareRetained {
		t.Errorf("%d values kept after Reset, want at most %d", size, spareRetained)
	}
}

// TestMapKeyFindsDuplicates covers both ways of finding a key given twice:
// the comparisons of a small map and the set of a large one, with a nested
// map in between whose keys do not count for its parent.
func TestMapKeyFindsDuplicates(t *testing.T) {
	for _, n := range []int{3, keysScanned, 3 * keysScanned} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var members []string
			for i := range n {
				members = append(members, fmt.Sprintf(`"k%d":"v"`, i))
			}
			doc := `{` + strings.Join(members, ",") + `,"inner":{"k0":1},"k1":"again","inner":{}}`
			d := newDecoder(doc, compat)
			d.S.BeginObject()
			var news []string
			outer := d.BeginMap()
			for {
				key, ok := d.S.NextKey()
				if !ok {
					break
				}
				if !d.MapKey(outer, key, "/x-unique-keys") {
					continue
				}
				news = append(news, key)
				if key != "inner" {
					d.S.Skip()
					continue
				}
				d.S.BeginObject()
				inner := d.BeginMap()
				for {
					k, ok := d.S.NextKey()
					if !ok {
						break
					}
					if d.MapKey(inner, k, "/x-unique-keys") {
						d.S.Skip()
					}
				}
				d.EndMap(inner)
			}
			d.EndMap(outer)
			if len(news) != n+1 {
				t.Errorf("%d new keys, want %d", len(news), n+1)
			}
			if got, want := keywords(d), "error /x-unique-keys; error /x-unique-keys"; got != want {
				t.Errorf("issues %q, want %q", got, want)
			}
			if len(d.keys) != 0 || len(d.keySets) != 0 {
				t.Errorf("after EndMap: %d keys, %d sets", len(d.keys), len(d.keySets))
			}
		})
	}
}

// TestSpareSlotSpills: SpareSlot hands out the slots, then the Spare's
// values, and says so; what it handed out is zeroed by the two resets.
func TestSpareSlotSpills(t *testing.T) {
	var (
		slots   [2][2]string
		used    uint8
		more    Spare[[2]string]
		spilled bool
	)
	take := func() *[2]string {
		p := SpareSlot(slots[:], &used, &more, &spilled)
		if *p != [2]string{} {
			t.Fatalf("value not zeroed: %q", *p)
		}
		p[0] = "doc"
		return p
	}
	if p := take(); p != &slots[0] || spilled {
		t.Fatalf("first value %p, spilled %v; want slot 0, not spilled", p, spilled)
	}
	take()
	if p := take(); p == &slots[0] || p == &slots[1] || !spilled {
		t.Fatalf("third value %p, spilled %v; want one of the Spare's, spilled", p, spilled)
	}
	clear(slots[:])
	used, spilled = 0, false
	more.Reset()
	for range 3 {
		take()
	}
}
