// Package render draws what tcpcheck finds, for people: each machine's
// state machine and the reachable world graph as DOT (laid out to SVG or
// PNG by Graphviz, compiled to WebAssembly by go-graphviz), and
// counterexamples as message sequence charts drawn directly as SVG, as is
// the bar chart of knowledge depths across specs.
//
// Everything here is presentation. The package runs no search and decides
// no property: the caller explores and checks, then hands over a
// [model.Trace] or a [Graph]. Output is deterministic: the same input gives
// the same bytes, so pictures can be committed and compared.
package render
