package lts

import (
	"context"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
)

// searchModel adapts a compiled System to the explore package's Model.
type searchModel struct{ sys *model.System }

func (m searchModel) Width() int { return m.sys.Width() }

func (m searchModel) Init(yield func([]byte)) error {
	yield(m.sys.Init())
	return nil
}

func (m searchModel) NewExpander() explore.Expander { return m.sys.NewStepper() }

// Model returns sys as a transition system for package explore.
func Model(sys *model.System) explore.Model { return searchModel{sys} }

// Search explores every world of sys reachable from its initial world.
// The graph is returned even with an error: a limit or a cancellation leaves a
// partial graph, and a *explore.ModelError names the world whose expansion
// failed (see [Path]).
func Search(ctx context.Context, sys *model.System, opt explore.Options) (*explore.Graph, error) {
	return explore.Explore(ctx, Model(sys), opt)
}

// Path returns the trace from the initial world to world id. A compact
// graph rebuilds it by replaying sys (see [explore.Graph.PathStates]).
func Path(sys *model.System, g *explore.Graph, id explore.StateID) (model.Trace, error) {
	if !g.Compact() {
		ids := g.Path(id)
		worlds := make([]model.World, len(ids))
		for i, x := range ids {
			worlds[i] = model.World(g.State(x))
		}
		return sys.TraceOf(worlds)
	}
	states, err := g.PathStates(Model(sys), id)
	if err != nil {
		return model.Trace{}, err
	}
	worlds := make([]model.World, len(states))
	for i, s := range states {
		worlds[i] = model.World(s)
	}
	return sys.TraceOf(worlds)
}
