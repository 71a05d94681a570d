// Package syntax reads a tcpcheck spec file: YAML in, a positioned [Spec]
// out, every node keeping the file:line:col of its key so that later stages
// can point at what is wrong. It checks the YAML and the shape of the spec
// language (which keys an object has, lists, names, integers, the matrix
// of configurations) and reports every problem at once as an [ErrorList];
// it resolves no name and evaluates no expression. The scalars it keeps as
// [Text] hold the small expression language that package expr parses.
//
// Package model compiles a Spec into a System and is what most callers
// want: model.Load and model.Parse also compile what this package could
// read, so that one run reports the syntax errors and the independent
// errors of the rest. This package imports neither model nor anything
// above it.
package syntax
