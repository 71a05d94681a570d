package lts

import (
	"context"
	"sync"

	"github.com/tcpcheck/tcpcheck/explore"
	"github.com/tcpcheck/tcpcheck/model"
)

// A Graph is a graph explored from a system, with its labelled successor
// relation built on first use and kept. It is safe for concurrent use.
type Graph struct {
	sys *model.System
	g   *explore.Graph

	mu  sync.Mutex
	rel *Relation
	err error
}

// New returns the explored graph g of sys. Nothing is computed until
// [Graph.Relation] is called.
func New(sys *model.System, g *explore.Graph) *Graph { return &Graph{sys: sys, g: g} }

// System returns the system the graph was explored from.
func (x *Graph) System() *model.System { return x.sys }

// Explored returns the graph the search built.
func (x *Graph) Explored() *explore.Graph { return x.g }

// Relation returns the labelled successor relation, building it on the
// first call. A build that ctx cut short is not kept: a later call with a
// live context builds it again. Any other error is kept and returned to
// every caller.
func (x *Graph) Relation(ctx context.Context) (*Relation, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.rel != nil || x.err != nil {
		return x.rel, x.err
	}
	rel, err := build(ctx, x.sys, x.g)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	x.rel, x.err = rel, err
	return rel, err
}

// Built reports whether the relation has been built.
func (x *Graph) Built() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.rel != nil
}
