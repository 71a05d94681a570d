package properties

import "math/bits"

// bitset is a set of world IDs.
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

// firstNot returns the smallest i < n that is not a member, or -1.
func (b bitset) firstNot(n int) int {
	for i, w := range b {
		if w != ^uint64(0) {
			if j := i*64 + bits.TrailingZeros64(^w); j < n {
				return j
			}
			return -1
		}
	}
	return -1
}

func (b bitset) count() int {
	c := 0
	for _, w := range b {
		c += bits.OnesCount64(w)
	}
	return c
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

func (b bitset) and(c bitset) bitset {
	out := make(bitset, len(b))
	for i := range b {
		out[i] = b[i] & c[i]
	}
	return out
}

func (b bitset) or(c bitset) bitset {
	out := make(bitset, len(b))
	for i := range b {
		out[i] = b[i] | c[i]
	}
	return out
}
