package expr_test

import (
	"errors"
	"fmt"

	"github.com/tcpcheck/tcpcheck/model/expr"
)

func ExampleParse() {
	e, err := expr.Parse("client in {SYN_SENT, ESTABLISHED} and not delivered(client->server)")
	if err != nil {
		panic(err)
	}
	fmt.Println(e)
	b := e.(*expr.Binary)
	fmt.Println(b.Op, b.OpAt)
	fmt.Printf("%T %T\n", b.X, b.Y)
	// Output:
	// client in {SYN_SENT, ESTABLISHED} and not delivered(client->server)
	// and 34
	// *expr.In *expr.Unary
}

func ExampleParse_error() {
	_, err := expr.Parse("state = ESTABLISHED")
	var pe *expr.Error
	if errors.As(err, &pe) {
		fmt.Printf("offset %d: %s\n", pe.Offset, pe.Msg)
	}
	// Output:
	// offset 6: "=" is assignment; did you mean "=="?
}

func ExampleParse_conditional() {
	// The else branch extends as far right as it can.
	e, _ := expr.Parse("1 + if c then 2 else 3 * 4")
	fmt.Printf("%T %s\n", e.(*expr.Binary).Y, e.(*expr.Binary).Y)
	// Output:
	// *expr.Cond if c then 2 else 3 * 4
}

func ExampleParseAssign() {
	a, _ := expr.ParseAssign("snd_nxt += 1")
	fmt.Println(a.Name.Name, a.Op, a.Value)
	// Output:
	// snd_nxt += 1
}

func ExampleParseSend() {
	s, _ := expr.ParseSend("SYN_ACK(seq = iss, ack = msg.seq + 1) to client")
	for _, f := range s.Fields {
		fmt.Println(f.Name.Name, "=", f.Value)
	}
	fmt.Println(s.Type.Name, s.To.Name)
	// Output:
	// seq = iss
	// ack = msg.seq + 1
	// SYN_ACK client
}

func ExampleParseTrigger() {
	for _, src := range []string{"call open", "recv SYN(seq = 0) from client", "recv *", "timeout"} {
		t, _ := expr.ParseTrigger(src)
		fmt.Printf("%s name=%v any=%v fields=%d from=%v\n", t.Kind, t.Name != nil, t.Any, len(t.Fields), t.From != nil)
	}
	// Output:
	// call name=true any=false fields=0 from=false
	// recv name=true any=false fields=1 from=true
	// recv name=false any=true fields=0 from=false
	// timeout name=false any=false fields=0 from=false
}

func ExampleParseRange() {
	r, _ := expr.ParseRange("0..SEQ-1")
	fmt.Println(r.Lo, "|", r.Hi)
	// Output:
	// 0 | SEQ - 1
}

func ExampleWalk() {
	e, _ := expr.Parse("delivered(client->server) implies len(server->client) > 0")
	expr.Walk(e, func(x expr.Expr) bool {
		if c, ok := x.(*expr.Call); ok {
			fmt.Println(c.Fun.Name, c.Args[0])
		}
		return true
	})
	// Output:
	// delivered client->server
	// len server->client
}
