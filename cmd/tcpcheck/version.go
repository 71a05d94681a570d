package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of tcpcheck, its VCS revision and Go version",
		Long: `Print what the Go toolchain recorded when it built this binary: the module
version, the VCS revision and commit time, whether the work tree had
uncommitted changes, and the Go version. What was not recorded is printed as
unknown: go run, go test and builds with -buildvcs=false record no VCS
information, and a build from a work tree has the module version (devel).
The same is printed by tcpcheck --version.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprint(stdout, versionText())
			return nil
		},
	}
}

// versionText describes this binary from its build information.
func versionText() string {
	bi, ok := debug.ReadBuildInfo()
	return describeBuild(bi, ok, runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH)
}

// describeBuild writes, a line each, the module version, the module path,
// the VCS revision, whether the tree was modified, and the Go version,
// from build information bi (ok false when the binary has none). goRuntime
// is the Go version the binary runs on, used when bi has none. Nothing is
// guessed: what bi does not record is "unknown".
func describeBuild(bi *debug.BuildInfo, ok bool, goRuntime string) string {
	var b strings.Builder
	if !ok || bi == nil {
		fmt.Fprintf(&b, "tcpcheck unknown (the binary has no build information)\n")
		fmt.Fprintf(&b, "revision: unknown\nmodified: unknown\ngo:       %s\n", goRuntime)
		return b.String()
	}
	fmt.Fprintf(&b, "tcpcheck %s\n", moduleVersion(bi.Main.Version))
	if bi.Main.Path != "" {
		fmt.Fprintf(&b, "module:   %s\n", bi.Main.Path)
	}
	set := map[string]string{}
	for _, s := range bi.Settings {
		set[s.Key] = s.Value
	}
	fmt.Fprintf(&b, "revision: %s\n", revision(set))
	fmt.Fprintf(&b, "modified: %s\n", modified(set))
	goVersion := bi.GoVersion
	if goVersion == "" {
		goVersion = goRuntime
	}
	fmt.Fprintf(&b, "go:       %s\n", goVersion)
	return b.String()
}

// moduleVersion explains the versions that are not a release.
func moduleVersion(v string) string {
	switch v {
	case "":
		return "unknown (no module version recorded)"
	case "(devel)":
		return "(devel): built from a source tree, not from a module version"
	}
	return v
}

// revision is the VCS revision and commit time, or unknown.
func revision(set map[string]string) string {
	rev := set["vcs.revision"]
	if rev == "" {
		return "unknown (built without VCS information; go build -buildvcs=true in a clone records it)"
	}
	var about []string
	if vcs := set["vcs"]; vcs != "" {
		about = append(about, vcs)
	}
	if t := set["vcs.time"]; t != "" {
		about = append(about, "committed "+t)
	}
	if len(about) == 0 {
		return rev
	}
	return rev + " (" + strings.Join(about, ", ") + ")"
}

// modified says whether the work tree had uncommitted changes.
func modified(set map[string]string) string {
	switch set["vcs.modified"] {
	case "true":
		return "yes (the work tree had uncommitted changes)"
	case "false":
		return "no"
	}
	return "unknown"
}
