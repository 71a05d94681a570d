package liveness

import "math/bits"

// bitset is a set of world, edge or pair indices (bit i of word i/64), the
// form in which package properties hands over its sets of worlds.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) has(i int) bool { return b[i>>6]&(1<<(uint(i)&63)) != 0 }

func (b bitset) set(i int) { b[i>>6] |= 1 << (uint(i) & 63) }

// first returns the smallest member, or -1.
func (b bitset) first() int {
	for i, w := range b {
		if w != 0 {
			return i*64 + bits.TrailingZeros64(w)
		}
	}
	return -1
}

// complement returns the set of i < n not in b.
func (b bitset) complement(n int) bitset {
	out := make(bitset, len(b))
	for i, w := range b {
		out[i] = ^w
	}
	if r := n & 63; r != 0 {
		out[len(out)-1] &= 1<<uint(r) - 1
	}
	return out
}

// list returns the members of b below n, in increasing order.
func (b bitset) list(n int) []int {
	var out []int
	for i := range n {
		if b.has(i) {
			out = append(out, i)
		}
	}
	return out
}
