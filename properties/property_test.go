package properties

import (
	"testing"

	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// The Kind constants follow syntax.PropertyKinds, which names them: a kind
// the loader accepts without its constant, or a constant out of order,
// fails here.
func TestKind_FollowsSyntax(t *testing.T) {
	want := map[Kind]string{Invariant: "invariant", Reachable: "reachable", DeadlockFree: "deadlock_free",
		Eventually: "eventually", LeadsTo: "leads_to", AlwaysEventually: "always_eventually"}
	if n := len(syntax.PropertyKinds()); n != len(want) {
		t.Errorf("syntax has %d property kinds, package properties %d", n, len(want))
	}
	for k, name := range want {
		if k.String() != name {
			t.Errorf("Kind %d is %q, want %q", k, k.String(), name)
		}
	}
	if s := Kind(len(want) + 1).String(); s != "?" {
		t.Errorf("an unknown kind is %q, want ?", s)
	}
}
