package properties

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/lts"
)

// TestCoverage_SameFromTheRelation: the firings read off a labelled
// successor relation that something else built are those counted by
// expanding every world again, which is what CoverageOf does when nothing
// built it; and CoverageOf does not build it itself.
func TestCoverage_SameFromTheRelation(t *testing.T) {
	ctx := context.Background()
	for _, file := range []string{"../specs/two_way.yaml", "../specs/close.yaml", "../specs/simultaneous_open.yaml"} {
		sys := loadSystem(t, file, nil)
		g := search(t, sys, explore.Options{})
		alone := lts.New(sys, g)
		want, err := CoverageOf(ctx, alone)
		if err != nil {
			t.Fatal(err)
		}
		if alone.Built() {
			t.Errorf("%s: CoverageOf built the relation", file)
		}
		shared := lts.New(sys, g)
		if _, err := shared.Relation(ctx); err != nil {
			t.Fatal(err)
		}
		got, err := CoverageOf(ctx, shared)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: coverage from the relation\n%+v\nexpanding again\n%+v", file, got, want)
		}
		if len(want.Unfired()) == len(want.Transitions) {
			t.Errorf("%s: nothing fires: the comparison shows nothing", file)
		}
	}
	sys := loadSystem(t, "../specs/two_way.yaml", nil)
	if _, err := CoverageOf(ctx, lts.New(sys, search(t, sys, explore.Options{Compact: true}))); !errors.Is(err, explore.ErrCompact) {
		t.Errorf("compact graph: %v, want ErrCompact", err)
	}
}
