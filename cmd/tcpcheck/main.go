// Command tcpcheck is an explicit-state model checker for connection
// protocols written as YAML state machines. See the README for the spec
// language and `tcpcheck --help` for the commands.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
