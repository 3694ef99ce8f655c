package codec

import (
	"math/rand/v2"
	"testing"
)

// TestRecyclerHandsOutAgainByType: after Reset, a Recycler hands out the
// maps, slices and values it kept, by type (whatever the order they are
// asked for in), maps cleared and values zeroed; without a Recycler, or
// when the decode keeps nothing, nothing is kept.
func TestRecyclerHandsOutAgainByType(t *testing.T) {
	var r Recycler
	m := NewMap[map[string]string](true, &r, 8)
	m["a"] = "x"
	s := NewSlice[int](true, &r, 4)
	s = append(s, 1, 2)
	v := New[[2]int](&r)
	v[0] = 7
	r.Reset()
	// Asked for in another order.
	if v2 := New[[2]int](&r); v2 != v || *v2 != [2]int{} {
		t.Errorf("New after Reset: %p %v, want %p zeroed", v2, *v2, v)
	}
	if s2 := NewSlice[int](true, &r, 4); len(s2) != 0 || cap(s2) != 4 || &s2[:1][0] != &s[0] {
		t.Errorf("NewSlice after Reset: len %d cap %d, not the kept array", len(s2), cap(s2))
	}
	if m2 := NewMap[map[string]string](true, &r, 8); len(m2) != 0 || len(m) != 0 {
		t.Errorf("NewMap after Reset: %v (kept map %v), want the kept map cleared", m2, m)
	}
	// A second one of a type while the first is handed out is new.
	if v3 := New[[2]int](&r); v3 == v {
		t.Error("New handed out one value twice before Reset")
	}
	if NewMap[map[string]string](false, &r, 8) != nil || NewSlice[int](false, &r, 4) != nil {
		t.Error("a decode that keeps nothing got a map or a slice")
	}
	if New[int](nil) == New[int](nil) {
		t.Error("New without a Recycler returned one value twice")
	}
}

// TestRecyclerBounds: a huge map is not kept for clearing, and at most
// recycledPerType values of a type are kept.
func TestRecyclerBounds(t *testing.T) {
	var r Recycler
	m := NewMap[map[string]int](true, &r, 8)
	for i := range recycledMapLen + 1 {
		m[string(rune('a'+i%26))+string(rune('a'+i/26))] = i
	}
	small := NewMap[map[string]int](true, &r, 8)
	r.Reset()
	if m2 := NewMap[map[string]int](true, &r, 8); len(m) == 0 || len(m2) != 0 {
		t.Errorf("a map of %d entries was cleared for reuse (%d)", recycledMapLen+1, len(m2))
	}
	if m3 := NewMap[map[string]int](true, &r, 8); len(m3) != 0 {
		t.Error("the map kept after the huge one's replacement is not handed out")
	} else if m3["x"] = 1; small["x"] != 1 {
		t.Error("the map kept after the huge one's replacement is another map")
	}
	r.Reset()
	m4 := NewMap[map[string]int](true, &r, 8)
	m5 := NewMap[map[string]int](true, &r, 8)
	m4["y"] = 1
	if len(m5) != 0 || m5["y"] != 0 {
		t.Error("one map handed out twice after a replacement")
	}
	r.Reset()
	for range 2 * recycledPerType {
		New[int](&r)
	}
	if n := len(r.pool((*int)(nil)).items); n != recycledPerType {
		t.Errorf("%d values of one type kept, want %d", n, recycledPerType)
	}
}

// TestRecyclerSliceAndValueOfOneType: the slices of a type and the values
// of that type are kept apart, and whatever the order they are asked for
// in, nothing is handed out twice before Reset (FuzzParser found two
// routing steps sharing one expression when they shared a pool).
func TestRecyclerSliceAndValueOfOneType(t *testing.T) {
	var r Recycler
	rnd := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		r.Reset()
		order := make([]byte, 5+rnd.IntN(20))
		for i := range order {
			order[i] = "vs"[rnd.IntN(2)]
		}
		values := map[*[2]int]bool{}
		arrays := map[*int]bool{}
		for _, k := range order {
			if k == 'v' {
				v := New[[2]int](&r)
				if values[v] {
					t.Fatalf("round %d (%s): a value handed out twice", round, order)
				}
				values[v] = true
				continue
			}
			s := NewSlice[[2]int](true, &r, 1)[:1]
			if arrays[&s[0][0]] {
				t.Fatalf("round %d (%s): an array handed out twice", round, order)
			}
			arrays[&s[0][0]] = true
		}
	}
}
