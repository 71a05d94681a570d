package model

// This file exposes as much of a world's layout as a pass over many worlds
// needs to read them a byte at a time, without decoding each one (see
// properties.CoverageOf). A machine's bytes are described by
// [System.ViewRange]: its control state, then one byte per variable.

// SlotTypeOffsets returns, for each message slot of channel c, the position
// in a world of the byte that holds the type of the message in that slot:
// 0 when the slot is empty, t+1 when it holds a message of type t.
func (s *System) SlotTypeOffsets(c ChannelID) []int {
	ch := s.Channels[c]
	out := make([]int, ch.Cap)
	for i := range out {
		out[i] = ch.off + 1 + i*s.msgWidth
	}
	return out
}
