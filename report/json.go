package report

import (
	"encoding/json"
	"io"

	"github.com/tcpcheck/tcpcheck"
	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/properties"
)

// JSONReport is the --format json document for one spec.
type JSONReport struct {
	File       string         `json:"file"`
	Config     string         `json:"config,omitempty"` // the matrix configuration, as NAME=V ...
	Spec       string         `json:"spec"`
	Error      string         `json:"error,omitempty"`
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

type JSONModelErr struct {
	Message string     `json:"message"`
	Trace   []JSONStep `json:"trace"`
}

type JSONProperty struct {
	Name     string     `json:"name"`
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

type JSONAlternative struct {
	Note    string     `json:"note"`
	Diverge int        `json:"diverges_at_step"`
	Trace   []JSONStep `json:"trace"`
}

// JSONStep is one step of a trace; step 0 is the initial world.
type JSONStep struct {
	Index int `json:"step"`
	model.Step
	World map[string]string `json:"world"`
}

type JSONStats struct {
	States        int64   `json:"states"`
	Transitions   int64   `json:"transitions"`
	Depth         int     `json:"depth"`
	Seconds       float64 `json:"seconds"`
	StatesPerSec  float64 `json:"states_per_second"`
	BytesPerState float64 `json:"bytes_per_state"`
	// Compact mode only: the bound on the probability that a world was
	// omitted, and whether the search stopped once every property checked
	// on the fly was decided.
	Omission *float64 `json:"omission_probability,omitempty"`
	Stopped  bool     `json:"stopped_early,omitempty"`
}

// JSON writes one document for one report, and an array of them for
// several.
func JSON(w io.Writer, reports []*tcpcheck.Report, o Options) error {
	docs := make([]JSONReport, len(reports))
	for i, r := range reports {
		docs[i] = toJSON(r, o)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if len(docs) == 1 {
		return enc.Encode(docs[0])
	}
	return enc.Encode(docs)
}

func toJSON(r *tcpcheck.Report, o Options) JSONReport {
	d := JSONReport{File: r.File, Config: r.Config, Properties: []JSONProperty{}}
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
	}
	if r.System == nil {
		return d
	}
	d.Spec = r.System.Name
	if r.ModelError != nil {
		d.ModelError = &JSONModelErr{Message: r.ModelError.Error(), Trace: jsonTrace(r.System, r.ModelTrace)}
	}
	for _, res := range r.Results {
		jp := JSONProperty{Name: res.Property.Name, Kind: res.Property.Kind.String(), Verdict: res.Verdict.String(),
			Expected: res.Property.Expect.String(), OK: r.Passes(res), Note: res.Note}
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
		d.Properties = append(d.Properties, jp)
	}
	for _, u := range r.Coverage.Unfired() {
		d.Unfired = append(d.Unfired, JSONTransition{Machine: u.Machine, Name: u.Name, Pos: u.Pos.String()})
	}
	jsonNeverChanges(&d, r.Coverage)
	d.Stats = JSONStats{States: r.Stats.States, Transitions: r.Stats.Transitions, Depth: r.Stats.MaxDepth,
		Seconds: r.Elapsed.Seconds(), StatesPerSec: rate(r), BytesPerState: bytesPerWorld(r), Stopped: r.Stopped}
	if r.Stats.Compact {
		d.Stats.Omission = &r.Stats.Omission
	}
	return d
}

func jsonTrace(sys *model.System, tr model.Trace) []JSONStep {
	out := []JSONStep{{Index: 0, Step: model.Step{Actor: "init", Kind: "init"}, World: worldMap(sys, tr.Worlds[0])}}
	for i, a := range tr.Actions {
		out = append(out, JSONStep{Index: i + 1, Step: sys.Describe(tr.Worlds[i], tr.Worlds[i+1], a), World: worldMap(sys, tr.Worlds[i+1])})
	}
	return out
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
