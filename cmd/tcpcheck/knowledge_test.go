package main

import (
	"slices"
	"strings"
	"testing"
)

// TestKnowledge_Depths pins the knowledge tables of the handshakes where
// both are ESTABLISHED: the two-way server never knows its SYN-ACK arrived;
// in the three- and four-way handshakes both know, but the client cannot
// know the server knows (the last ACK may be lost); and nothing is ever
// common knowledge. In the two generals each confirmation adds a level (b
// knows the plan trivially, so a reaches N+1), and common knowledge never
// comes.
func TestKnowledge_Depths(t *testing.T) {
	const both = "client in ESTABLISHED and server in ESTABLISHED"
	tests := []struct {
		spec  string
		args  []string
		depth []string // per line: machine and depth
		ck    string
	}{
		{"two_way", []string{"--when", both}, []string{"client 1", "server 0", "everyone 0"}, "no"},
		{"three_way", []string{"--when", both}, []string{"client 1", "server 2", "everyone 1"}, "no"},
		{"four_way", []string{"--when", both}, []string{"client 1", "server 2", "everyone 1"}, "no"},
		{"two_generals", []string{"--fact", "b.seen >= 0", "--when", "a.seen == N"}, []string{"a 4", "b 3", "everyone 3"}, "no"},
		{"two_generals", []string{"--set", "N=5", "--fact", "b.seen >= 0", "--when", "a.seen == N"}, []string{"a 6", "b 5", "everyone 5"}, "no"},
	}
	for _, tc := range tests {
		t.Run(tc.spec+strings.Join(tc.args[:1], ""), func(t *testing.T) {
			args := append([]string{"knowledge"}, tc.args...)
			code, out, errOut := runCLI(append(args, "../../specs/"+tc.spec+".yaml")...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var got []string
			for _, line := range strings.Split(out, "\n") {
				f := strings.Fields(line)
				if len(f) >= 2 && (slices.Contains([]string{"client", "server", "everyone", "a", "b"}, f[0])) {
					got = append(got, f[0]+" "+f[1])
				}
			}
			if !slices.Equal(got, tc.depth) {
				t.Errorf("depths %q, want %q\n%s", got, tc.depth, out)
			}
			if !strings.Contains(out, "common knowledge: "+tc.ck) {
				t.Errorf("want common knowledge: %s\n%s", tc.ck, out)
			}
		})
	}
}
