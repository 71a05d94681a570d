package expr

// Walk calls f on e and then, if f returned true, walks e's operands in
// source order: the operands of Unary, Binary and Cond, the element, the
// members or the range bounds of In, the arguments of Call, the inside of
// Paren, the index of Index, the instances (Index) in a Selector or a
// ChanRef, and the range and body of Quant. The identifiers that are parts
// of a Selector (client.iss), a ChanRef (client->server), an Index, a Quant
// or a Call's function name are not visited on their own: they are not
// expressions by themselves. A nil e is ignored.
func Walk(e Expr, f func(Expr) bool) {
	if e == nil || !f(e) {
		return
	}
	for _, c := range children(e) {
		Walk(c, f)
	}
}

// children lists the operands of e in source order.
func children(e Expr) []Expr {
	switch e := e.(type) {
	case *Unary:
		return []Expr{e.X}
	case *Binary:
		return []Expr{e.X, e.Y}
	case *In:
		out := append([]Expr{e.X}, e.Set...)
		if e.Range != nil {
			out = append(out, e.Range.Lo, e.Range.Hi)
		}
		return out
	case *Call:
		return e.Args
	case *Cond:
		return []Expr{e.If, e.Then, e.Else}
	case *Paren:
		return []Expr{e.X}
	case *Index:
		return []Expr{e.Index}
	case *Selector:
		return instances(e.X)
	case *ChanRef:
		return instances(e.From, e.To)
	case *Quant:
		if e.Range == nil {
			return []Expr{e.Body}
		}
		return []Expr{e.Range.Lo, e.Range.Hi, e.Body}
	}
	return nil
}

// instances keeps the operands that are an *Index.
func instances(es ...Expr) []Expr {
	var out []Expr
	for _, e := range es {
		if x, ok := e.(*Index); ok {
			out = append(out, x)
		}
	}
	return out
}

// refName returns the machine name of an *Ident or *Index, and whether it
// is indexed.
func refName(e Expr) (string, bool) {
	switch e := e.(type) {
	case *Ident:
		return e.Name, false
	case *Index:
		return e.X.Name, true
	}
	return "", false
}

func sameRef(a, b Expr) bool {
	na, ia := refName(a)
	nb, ib := refName(b)
	return na == nb && ia == ib
}

// Equal reports whether a and b are the same expression, ignoring
// positions and the spelling of integer literals (Int.Lit). Parentheses
// count: (a) is not equal to a. Two nil expressions are equal.
func Equal(a, b Expr) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	if !sameLeaf(a, b) {
		return false
	}
	ca, cb := children(a), children(b)
	if len(ca) != len(cb) {
		return false
	}
	for i := range ca {
		if !Equal(ca[i], cb[i]) {
			return false
		}
	}
	return true
}

// sameLeaf compares what Equal's walk over children does not: the node
// type, names, values, operators and the shape of In.
func sameLeaf(a, b Expr) bool {
	switch a := a.(type) {
	case *Ident:
		b, ok := b.(*Ident)
		return ok && a.Name == b.Name
	case *Int:
		b, ok := b.(*Int)
		return ok && a.Value == b.Value
	case *Bool:
		b, ok := b.(*Bool)
		return ok && a.Value == b.Value
	case *Selector:
		b, ok := b.(*Selector)
		return ok && sameRef(a.X, b.X) && a.Sel.Name == b.Sel.Name
	case *ChanRef:
		b, ok := b.(*ChanRef)
		return ok && sameRef(a.From, b.From) && sameRef(a.To, b.To)
	case *Index:
		b, ok := b.(*Index)
		return ok && a.X.Name == b.X.Name
	case *Quant:
		b, ok := b.(*Quant)
		return ok && a.All == b.All && a.Var.Name == b.Var.Name && (a.Range == nil) == (b.Range == nil)
	case *Unary:
		b, ok := b.(*Unary)
		return ok && a.Op == b.Op
	case *Binary:
		b, ok := b.(*Binary)
		return ok && a.Op == b.Op
	case *In:
		b, ok := b.(*In)
		return ok && a.Braced == b.Braced && (a.Range == nil) == (b.Range == nil) && len(a.Set) == len(b.Set)
	case *Call:
		b, ok := b.(*Call)
		return ok && a.Fun.Name == b.Fun.Name
	case *Cond:
		_, ok := b.(*Cond)
		return ok
	case *Paren:
		_, ok := b.(*Paren)
		return ok
	}
	return false
}
