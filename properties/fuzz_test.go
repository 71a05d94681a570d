package properties

import (
	"errors"
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// FuzzCompileProperty compiles arbitrary property conditions, with and
// without knowledge operators, against the three-way handshake: no input
// panics, and every error is a positioned syntax.ErrorList.
func FuzzCompileProperty(f *testing.F) {
	for _, s := range []string{
		"client in ESTABLISHED implies knows(client, delivered(client->server) and delivered(server->client))",
		"knows(client, knows(server, client.iss == server.irs))",
		"common_knowledge(len(client->server) == 0) or everyone_knows(not empty(server->client))",
		"inflight(client->server, SYN) >= 1 and client.retries < RETRIES",
		"knows(nobody, true)", "knows(client)", "knows(client, 1 + 2)", "if knows(client, true) then 1 else 2",
		"client.iss + knows(server, true)", "common_knowledge()", "down(client->server)",
	} {
		f.Add(s)
	}
	sys := loadSystem(f, "../specs/three_way.yaml", nil)
	f.Fuzz(func(t *testing.T, src string) {
		ps := &syntax.PropertySpec{Name: "p", Path: "properties[p]",
			Kind: syntax.Text{Src: "invariant"}, Expr: &syntax.Text{Src: src, Pos: syntax.Pos{File: "f.yaml", Line: 3, Col: 5}}}
		sys.Properties = []*syntax.PropertySpec{ps}
		_, err := Compile(sys)
		if err == nil {
			return
		}
		var list syntax.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("error %T is not an ErrorList: %v", err, err)
		}
		for _, e := range list {
			last := 3 + strings.Count(src, "\n")
			if e.Pos.File != "f.yaml" || e.Pos.Line < 3 || e.Pos.Line > last || e.Pos.Col < 1 || e.Pos.Col > 5+len(src) {
				t.Fatalf("position %v outside the condition %q: %v", e.Pos, src, e)
			}
		}
	})
}
