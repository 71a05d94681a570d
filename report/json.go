package report

import (
	"encoding/json"
	"io"

	"github.com/tcpcheck/tcpcheck"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/model/syntax"
	"github.com/tcpcheck/tcpcheck/properties"
)

// Schema names the shape of the JSON document. It changes whenever a
// field is removed, renamed or changes its meaning; new fields may appear
// within a version. Documents without it (before tcpcheck/v1) were one
// object for one spec and an array for several.
const Schema = "tcpcheck/v1"

// JSONDocument is the --format json document: always one object, with
// a report per spec and configuration and the totals of the run.
type JSONDocument struct {
	Schema  string       `json:"schema"`
	Reports []JSONReport `json:"reports"`
	Summary Totals       `json:"summary"`
}

// JSONReport is the report on one spec, or one configuration of it.
type JSONReport struct {
	File   string `json:"file"`
	Config string `json:"config,omitempty"` // the matrix configuration, as NAME=V ...
	Title  string `json:"title"`            // the file and the configuration, as text writes them
	Spec   string `json:"spec"`
	// Outcome sums the report up: pass, undecided, mismatch or invalid.
	Outcome string `json:"outcome"`
	// Error says why the spec was not checked; Errors splits it into its
	// problems, each with its position when it has one.
	Error      string         `json:"error,omitempty"`
	Errors     []JSONProblem  `json:"errors,omitempty"`
	ModelError *JSONModelErr  `json:"model_error,omitempty"`
	Properties []JSONProperty `json:"properties"`
	Incomplete string         `json:"incomplete,omitempty"`
	Stats      JSONStats      `json:"stats"`
	// Unfired lists, with --coverage, the transitions that never fire.
	Unfired []JSONTransition `json:"unfired,omitempty"`
	// Narrow lists, with --coverage, the variables that do not take every
	// value of their domain (constant ones among them).
	Narrow []JSONVarUse `json:"narrow_variables,omitempty"`
	// Unentered lists, with --coverage, the control states never entered.
	Unentered []JSONState `json:"unentered_states,omitempty"`
	// Unsent lists, with --coverage, the message types never sent; NotInFlight
	// those sent but never in flight (every send lost at once).
	Unsent      []string `json:"unsent_messages,omitempty"`
	NotInFlight []string `json:"sent_never_in_flight,omitempty"`
}

// JSONVarUse is a variable that does not take its whole domain: the values
// it takes and those it never takes, as numbers, booleans or enum names.
type JSONVarUse struct {
	Machine  string `json:"machine"`
	Name     string `json:"name"`
	Pos      string `json:"pos"`
	Domain   string `json:"domain"`
	Constant bool   `json:"constant"`
	Taken    []any  `json:"taken"`
	Never    []any  `json:"never"`
}

// JSONState names a control state of a machine.
type JSONState struct {
	Machine string `json:"machine"`
	State   string `json:"state"`
}

// JSONTransition names a transition of the spec and where it is written.
type JSONTransition struct {
	Machine string `json:"machine"`
	Name    string `json:"name"`
	Pos     string `json:"pos"`
}

// JSONProblem is one problem of an invalid spec, or a model error, and
// where the spec has it (file:line:col; "" when it names no place).
type JSONProblem struct {
	Pos     string `json:"pos,omitempty"`
	Message string `json:"message"`
}

// JSONModelErr is a model error met during the search (a value outside
// its domain, a division by zero) and the trace to the world where it
// happens.
type JSONModelErr struct {
	Message string     `json:"message"`
	Pos     string     `json:"pos,omitempty"` // the expression or assignment, file:line:col
	Trace   []JSONStep `json:"trace"`
}

// JSONProperty is the verdict on one property and its evidence.
type JSONProperty struct {
	Name     string     `json:"name"`
	Pos      string     `json:"pos"` // where the spec declares it, file:line:col
	Kind     string     `json:"kind"`
	Verdict  string     `json:"verdict"`
	Expected string     `json:"expected"`
	OK       bool       `json:"ok"`
	Note     string     `json:"note,omitempty"`
	Trace    []JSONStep `json:"trace,omitempty"`
	// LoopStart marks a lasso (a liveness counterexample): the step whose
	// world the last step returns to; the steps after it repeat forever.
	// It equals the last step's index when the run stops there.
	LoopStart *int `json:"loop_start,omitempty"`
	// Alternative is the second run of a knowledge counterexample: a world
	// the machine cannot tell apart from the trace's last one.
	Alternative *JSONAlternative `json:"alternative,omitempty"`
	// Vacuous lists, for a property that holds, the reasons it proves less
	// than it says (see README, Vacuity).
	Vacuous []JSONVacuity `json:"vacuous,omitempty"`
}

// JSONVacuity is one subformula a property that holds does not need.
type JSONVacuity struct {
	Subformula string     `json:"subformula,omitempty"`
	Pos        string     `json:"pos,omitempty"`
	Why        string     `json:"why"`
	Trace      []JSONStep `json:"trace,omitempty"` // to a world that shows why
}

// JSONAlternative is the other run of a knowledge counterexample.
type JSONAlternative struct {
	Note    string     `json:"note"`
	Diverge int        `json:"diverges_at_step"`
	Trace   []JSONStep `json:"trace"`
}

// JSONStep is one step of a trace and the world it leads to; step 0 is
// the initial world. The world is there twice: as text, a string per
// machine and channel as the text report writes them, and as values.
type JSONStep struct {
	Index int `json:"step"`
	model.Step
	World map[string]string `json:"world"`
	// Machines holds each machine's control state and variables.
	Machines map[string]JSONMachine `json:"machines"`
	// Channels holds each channel's messages in flight, oldest first.
	Channels map[string][]JSONMessage `json:"channels"`
	// LinksDown lists the flaky channels whose link is down.
	LinksDown []string `json:"links_down,omitempty"`
}

// JSONMachine is a machine's local state: its control state and each
// variable's value, a number, a boolean or an enum name.
type JSONMachine struct {
	State string         `json:"state"`
	Vars  map[string]any `json:"vars"`
}

// JSONMessage is a message in flight: its type and its fields' values.
type JSONMessage struct {
	Type   string           `json:"type"`
	Fields map[string]int64 `json:"fields"`
}

// JSONStats are the search's statistics. The timings, which depend on
// the machine, are there only with Options.Stats (--stats).
type JSONStats struct {
	States        int64    `json:"states"`
	Transitions   int64    `json:"transitions"`
	Depth         int      `json:"depth"`
	Seconds       *float64 `json:"seconds,omitempty"`
	StatesPerSec  *float64 `json:"states_per_second,omitempty"`
	BytesPerState *float64 `json:"bytes_per_state,omitempty"`
	// Compact mode only: the bound on the probability that a world was
	// omitted, and whether the search stopped once every property checked
	// on the fly was decided.
	Omission *float64 `json:"omission_probability,omitempty"`
	Stopped  bool     `json:"stopped_early,omitempty"`
}

// JSON writes the reports as one document, indented.
func JSON(w io.Writer, reports []*tcpcheck.Report, o Options) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // client->server, not client-\u003eserver
	return enc.Encode(Document(reports, o))
}

// Document is the JSON document of the reports.
func Document(reports []*tcpcheck.Report, o Options) JSONDocument {
	d := JSONDocument{Schema: Schema, Reports: make([]JSONReport, len(reports)), Summary: Total(reports)}
	for i, r := range reports {
		d.Reports[i] = toJSON(r, o)
	}
	return d
}

func toJSON(r *tcpcheck.Report, o Options) JSONReport {
	d := JSONReport{File: r.File, Config: r.Config, Title: r.Title(), Outcome: outcomeName(r.Outcome()), Properties: []JSONProperty{}}
	switch {
	case r.Skipped != nil:
		d.Incomplete = "not checked: " + o.reason(r, r.Skipped)
	case r.Limit != nil:
		d.Incomplete = o.reason(r, r.Limit)
	case r.Interrupted != nil:
		d.Incomplete = "analysis incomplete: " + o.reason(r, r.Interrupted)
	}
	if r.Err != nil {
		d.Error = r.Err.Error()
		for _, p := range Problems(r.Err, r.File) {
			d.Errors = append(d.Errors, JSONProblem{Pos: posString(p.Pos), Message: p.Message})
		}
	}
	if r.System == nil {
		return d
	}
	d.Spec = r.System.Name
	if r.ModelError != nil {
		d.ModelError = &JSONModelErr{Message: r.ModelError.Error(), Pos: posString(errorPos(r.ModelError, "")),
			Trace: jsonTrace(r.System, r.ModelTrace)}
	}
	for _, res := range r.Results {
		d.Properties = append(d.Properties, jsonProperty(r, res))
	}
	for _, u := range r.Coverage.Unfired() {
		d.Unfired = append(d.Unfired, JSONTransition{Machine: u.Machine, Name: u.Name, Pos: u.Pos.String()})
	}
	jsonNeverChanges(&d, r.Coverage)
	d.Stats = jsonStats(r, o)
	return d
}

// jsonProperty is the verdict on one property of r, with its evidence.
func jsonProperty(r *tcpcheck.Report, res properties.Result) JSONProperty {
	jp := JSONProperty{Name: res.Property.Name, Pos: res.Property.Pos.String(), Kind: res.Property.Kind.String(),
		Verdict: res.Verdict.String(), Expected: res.Property.Expect.String(), OK: r.Passes(res), Note: res.Note}
	if res.Trace.Worlds != nil && res.Verdict != properties.Unknown {
		jp.Trace = jsonTrace(r.System, res.Trace)
	}
	if res.Lasso() {
		jp.LoopStart = &res.LoopStart
	}
	if res.Alt.Worlds != nil {
		jp.Alternative = &JSONAlternative{Note: res.AltNote, Diverge: res.Diverge, Trace: jsonTrace(r.System, res.Alt)}
	}
	for _, v := range res.Vacuous {
		jv := JSONVacuity{Subformula: v.Sub, Why: v.Why}
		if v.Trace.Worlds != nil {
			jv.Trace = jsonTrace(r.System, v.Trace)
		}
		if v.Sub != "" {
			jv.Pos = v.Pos.String()
		}
		jp.Vacuous = append(jp.Vacuous, jv)
	}
	return jp
}

// jsonStats are the search's statistics, with its timings if o.Stats.
func jsonStats(r *tcpcheck.Report, o Options) JSONStats {
	st := JSONStats{States: r.Stats.States, Transitions: r.Stats.Transitions, Depth: r.Stats.MaxDepth, Stopped: r.Stopped}
	if o.Stats {
		secs, perSec, perState := r.Elapsed.Seconds(), rate(r), bytesPerWorld(r)
		st.Seconds, st.StatesPerSec, st.BytesPerState = &secs, &perSec, &perState
	}
	if r.Stats.Compact {
		st.Omission = &r.Stats.Omission
	}
	return st
}

// posString writes a position as file:line:col, or "" for none.
func posString(p syntax.Pos) string {
	if !p.IsValid() && p.File == "" {
		return ""
	}
	return p.String()
}

func jsonTrace(sys *model.System, tr model.Trace) []JSONStep {
	out := []JSONStep{jsonStep(sys, 0, model.Step{Actor: "init", Kind: "init"}, tr.Worlds[0])}
	for i, a := range tr.Actions {
		out = append(out, jsonStep(sys, i+1, sys.Describe(tr.Worlds[i], tr.Worlds[i+1], a), tr.Worlds[i+1]))
	}
	return out
}

// jsonStep is step n, st, which leads to world w.
func jsonStep(sys *model.System, n int, st model.Step, w model.World) JSONStep {
	js := JSONStep{Index: n, Step: st, World: worldMap(sys, w), Machines: map[string]JSONMachine{}, Channels: map[string][]JSONMessage{}}
	for _, m := range sys.Machines {
		jm := JSONMachine{State: m.States[sys.State(w, m.ID)], Vars: map[string]any{}}
		for i, v := range m.Vars {
			jm.Vars[v.Name] = jsonValue(v, sys.Value(w, m.ID, i))
		}
		js.Machines[m.Name] = jm
	}
	for _, c := range sys.Channels {
		msgs := []JSONMessage{}
		for _, msg := range sys.InFlight(w, c.ID) {
			msgs = append(msgs, jsonMessage(sys, msg))
		}
		js.Channels[c.Name] = msgs
		if sys.LinkDown(w, c.ID) {
			js.LinksDown = append(js.LinksDown, c.Name)
		}
	}
	return js
}

// jsonMessage is a message as JSON writes it: its type, and its fields by
// name.
func jsonMessage(sys *model.System, m model.Message) JSONMessage {
	t := sys.Messages[m.Type]
	jm := JSONMessage{Type: t.Name, Fields: map[string]int64{}}
	for i, f := range t.Fields {
		jm.Fields[f.Name] = m.Fields[i]
	}
	return jm
}

// worldMap gives each machine's local state and each channel's contents.
func worldMap(sys *model.System, w model.World) map[string]string {
	out := map[string]string{}
	for _, m := range sys.Machines {
		out[m.Name] = sys.FormatLocal(w, m.ID)[len(m.Name)+2:]
	}
	for _, c := range sys.Channels {
		out[c.Name] = sys.FormatChannel(w, c.ID)
	}
	return out
}

// jsonNeverChanges fills what --coverage finds never changes.
func jsonNeverChanges(d *JSONReport, cov properties.Coverage) {
	for _, u := range cov.Narrow() {
		d.Narrow = append(d.Narrow, JSONVarUse{Machine: u.Machine, Name: u.Var.Name, Pos: u.Var.Pos.String(),
			Domain: varDomain(u.Var), Constant: u.Constant(), Taken: jsonValues(u.Var, u.Taken), Never: jsonValues(u.Var, u.Never())})
	}
	for _, u := range cov.Unentered() {
		d.Unentered = append(d.Unentered, JSONState{Machine: u.Machine, State: u.Name})
	}
	for _, u := range cov.Unsent() {
		d.Unsent = append(d.Unsent, u.Name)
	}
	for _, u := range cov.Lost() {
		d.NotInFlight = append(d.NotInFlight, u.Name)
	}
}
