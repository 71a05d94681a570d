// Package report writes the reports of package tcpcheck for people and
// programs: text (the verdicts, the counterexamples one step per line, the
// statistics), JSON (schema tcpcheck/v1), JUnit XML for CI test reporters
// and GitHub Actions annotations (docs/formats.md describes each). It runs
// no search; the same reports always give the same bytes, unless
// Options.Stats adds timings.
package report
