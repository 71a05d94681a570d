// Package model gives a tcpcheck spec its meaning. [Compile] resolves the
// names of a syntax.Spec (the spec as read by package syntax), evaluates
// domains and compiles expressions (parsed by package expr) into a
// [System]; a [World] is one global state of it, and a [Stepper] yields
// the successors of a world. [Load] and [Parse] read a spec file and report
// its syntax errors together with the independent errors of the rest.
package model
