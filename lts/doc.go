// Package lts is a compiled system seen as a labelled transition system:
// the adapter that lets package explore search a model.System, and the
// labelled successor relation of the graph it explored.
//
// The search stores worlds, not edges, so that it needs less memory. The
// analyses after it that need the edges with what they do — liveness
// under fairness, coverage, vacuity, the pictures of the world graph —
// share one [Relation], built by a [Graph] the first time one of them asks
// and kept for the others: every world is expanded once more, in parallel,
// and no more than once.
//
// Arrows: lts imports model and explore; properties, render's callers
// and the root package import lts. explore still knows nothing of model.
package lts
