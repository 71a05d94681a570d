package model

import (
	"errors"
	"strings"
	"testing"

	"github.com/tcpcheck/tcpcheck/model/syntax"
)

// baseSpec is a valid spec; each error case below breaks one line of it.
const baseSpec = `name: base
params: { SEQ: 2 }
messages:
  SYN: { seq: 0..SEQ-1 }
machines:
  client:
    states: [CLOSED, SYN_SENT]
    init: CLOSED
    vars: { iss: 0..SEQ-1 }
    transitions:
      - { from: CLOSED, on: call open, send: SYN(seq = iss), to: SYN_SENT }
  server:
    states: [LISTEN, SYN_RCVD]
    init: LISTEN
    vars: { irs: 0..SEQ-1 }
    transitions:
      - { from: LISTEN, on: recv SYN, do: [irs = msg.seq], to: SYN_RCVD }
channels:
  - { from: client, to: server, capacity: 1, loss: true }
properties:
  - { name: p, invariant: "server in SYN_RCVD implies client in SYN_SENT" }
`

func TestCompile_Base(t *testing.T) {
	sys := compileSrc(t, baseSpec)
	if got, want := sys.Width(), 2+2+1+2; got != want {
		t.Errorf("width %d, want %d", got, want)
	}
}

func TestCompile_Errors(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string // substring of the error, including its position
	}{
		{"unknown to-state", "to: SYN_SENT }", "to: SYN_SNET }",
			`test.yaml:11:66: machines.client.transitions[0].to: unknown state "SYN_SNET" of machine client (did you mean "SYN_SENT"?)`},
		{"unknown from-state", "{ from: LISTEN,", "{ from: LISTN,",
			`test.yaml:17:17: machines.server.transitions[0].from: unknown state "LISTN" of machine server (did you mean "LISTEN"?)`},
		{"unknown init", "init: LISTEN", "init: LISTENING",
			`test.yaml:14:11: machines.server.init: unknown state "LISTENING"`},
		{"unknown key", "capacity: 1,", "capacty: 1,",
			`test.yaml:19:33: channels[0]: unknown key "capacty" (did you mean "capacity"?)`},
		{"guard reads the peer", "on: call open,", "on: call open, when: irs == 0,",
			`client cannot read server's variables, only its own`},
		{"peer selector", "on: call open,", "on: call open, when: server.irs == 0,",
			`client cannot read server.irs`},
		{"unknown message", "send: SYN(seq = iss)", "send: SYNN(seq = iss)",
			`unknown message type "SYNN" (did you mean "SYN"?)`},
		{"missing field", "send: SYN(seq = iss)", "send: SYN",
			`missing field seq of SYN`},
		{"unknown field", "SYN(seq = iss)", "SYN(sqe = iss)",
			`message SYN has no field "sqe" (did you mean "seq"?)`},
		{"msg outside recv", "send: SYN(seq = iss)", "send: SYN(seq = msg.seq)",
			`msg is only defined in a transition triggered by recv`},
		{"type error", "do: [irs = msg.seq]", "do: [irs = msg.seq == 1]",
			`is a boolean, but irs is an integer`},
		{"syntax error", "do: [irs = msg.seq]", "do: [irs = msg.seq +]",
			`test.yaml:17:`},
		{"unknown param in domain", "seq: 0..SEQ-1", "seq: 0..SQE-1",
			`unknown name "SQE" (did you mean "SEQ"?)`},
		{"empty domain", "vars: { iss: 0..SEQ-1 }", "vars: { iss: 3..1 }",
			`empty domain 3..1`},
		{"unknown machine in channel", "{ from: client, to: server", "{ from: client, to: sever",
			`unknown machine "sever" (did you mean "server"?)`},
		{"property names unknown state", "client in SYN_SENT\"", "client in SYN_SEND\"",
			`"SYN_SEND" is not a state of client (did you mean "SYN_SENT"?)`},
		{"duplicate key", "  SYN: { seq: 0..SEQ-1 }", "  SYN: { seq: 0..SEQ-1 }\n  SYN: { seq: 0..1 }",
			`"SYN" declared twice`},
		{"comma in flow mapping", "send: SYN(seq = iss)", "send: SYN(seq = iss, ack = 1)",
			`inside { }, a comma ends a value: quote values that contain commas`},
		{"too many choices", "on: call open,", "on: call open, choose: {a: 0..255, b: 0..255, c: 0..1},",
			`131072 combinations of chosen values; at most 65536 per transition`},
		{"bad yaml", "name: base", "name: [base",
			`invalid YAML`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(baseSpec, tc.old, tc.new, 1)
			if src == baseSpec {
				t.Fatalf("test case does not change the spec: %q not found", tc.old)
			}
			err := compileErr(src)
			if err == nil {
				t.Fatal("no error")
			}
			var list syntax.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error %T is not an ErrorList: %v", err, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got:\n%v\nwant it to contain:\n%s", err, tc.want)
			}
		})
	}
}

// compileErr parses, compiles and compiles the properties' conditions.
func compileErr(src string) error {
	spec, err := Parse("test.yaml", []byte(src))
	if err != nil {
		return err
	}
	sys, err := Compile(spec, nil)
	if err != nil {
		return err
	}
	for _, p := range sys.Properties {
		if _, err := sys.CompileText(*p.Expr, p.Path); err != nil {
			return err
		}
	}
	return nil
}

func TestCompile_AllErrorsTogether(t *testing.T) {
	src := strings.Replace(baseSpec, "to: SYN_SENT }", "to: SYN_SNET }", 1)
	src = strings.Replace(src, "init: LISTEN", "init: LISTN", 1)
	err := compileErr(src)
	list, ok := err.(syntax.ErrorList)
	if !ok || len(list) != 2 {
		t.Fatalf("want 2 errors, got %v", err)
	}
	// Declarations before their uses (see ErrorList.Sort): the machine's
	// init comes first although the transition is written above it.
	if list[0].Path != "machines.server.init" || list[1].Path != "machines.client.transitions[0].to" {
		t.Errorf("errors not in order: %v", err)
	}
}

func TestCompile_SetParam(t *testing.T) {
	spec, err := Parse("test.yaml", []byte(baseSpec))
	if err != nil {
		t.Fatal(err)
	}
	sys, err := Compile(spec, map[string]int64{"SEQ": 4})
	if err != nil {
		t.Fatal(err)
	}
	if hi := sys.Messages[0].Fields[0].Hi; hi != 3 {
		t.Errorf("--set SEQ=4: seq domain ends at %d, want 3", hi)
	}
	_, err = Compile(spec, map[string]int64{"SQE": 4})
	if err == nil || !strings.Contains(err.Error(), `did you mean "SEQ"`) {
		t.Errorf("unknown --set: got %v", err)
	}
}

func TestCompile_NoMachines(t *testing.T) {
	err := compileErr("name: x\nmachines: {}\n")
	if err == nil || !strings.Contains(err.Error(), "test.yaml:1:1: machines: a spec needs at least one machine") {
		t.Errorf("got %v", err)
	}
}

// A condition outside the spec can read delivered(...) only if Compile is
// told of it: the flag is in the world for the conditions it knows.
func TestCompile_ExtraConditions(t *testing.T) {
	spec, err := Parse("test.yaml", []byte(strings.Replace(pingSpec, "%s", "loss: false", 1)))
	if err != nil {
		t.Fatal(err)
	}
	fact := syntax.Text{Src: "delivered(a->b, PING)", Pos: syntax.Pos{File: "--fact", Line: 1, Col: 1}}
	plain, err := Compile(spec, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plain.CompileText(fact, "fact"); err == nil || !strings.Contains(err.Error(), "delivered(...) is only available") {
		t.Errorf("without extra: got %v, want the delivered error", err)
	}
	sys, err := Compile(spec, nil, fact)
	if err != nil {
		t.Fatal(err)
	}
	if sys.Width() != plain.Width()+1 {
		t.Errorf("world width %d with the extra condition, %d without: want one flag more", sys.Width(), plain.Width())
	}
	cond, err := sys.CompileText(fact, "fact")
	if err != nil {
		t.Fatal(err)
	}
	w := sys.Init()
	if v, err := cond.Eval(w); err != nil || v {
		t.Errorf("initial world: delivered = %v, %v; want false", v, err)
	}
	w = after(t, sys, after(t, sys, w, "a: call go [v=2]"), "b: recv PING(n=2)")
	if v, err := cond.Eval(w); err != nil || !v {
		t.Errorf("after the delivery: delivered = %v, %v; want true\n%s", v, err, sys.Format(w))
	}
}
