package main

import (
	"encoding/json"
	"io"

	"github.com/tcpcheck/tcpcheck/model"
	"github.com/tcpcheck/tcpcheck/properties"
)

// jsonReport is the --format json document for one spec.
type jsonReport struct {
	File       string         `json:"file"`
	Config     string         `json:"config,omitempty"` // the matrix configuration, as NAME=V ...
	Spec       string         `json:"spec"`
	Error      string         `json:"error,omitempty"`
	ModelError *jsonModelErr  `json:"model_error,omitempty"`
	Properties []jsonProperty `json:"properties"`
	Incomplete string         `json:"incomplete,omitempty"`
	Stats      jsonStats      `json:"stats"`
	// Unfired lists, with --coverage, the transitions that never fire.
	Unfired []jsonTransition `json:"unfired,omitempty"`
	// Narrow lists, with --coverage, the variables that do not take every
	// value of their domain (constant ones among them).
	Narrow []jsonVarUse `json:"narrow_variables,omitempty"`
	// Unentered lists, with --coverage, the control states never entered.
	Unentered []jsonState `json:"unentered_states,omitempty"`
	// Unsent lists, with --coverage, the message types never sent; NotInFlight
	// those sent but never in flight (every send lost at once).
	Unsent      []string `json:"unsent_messages,omitempty"`
	NotInFlight []string `json:"sent_never_in_flight,omitempty"`
}

// jsonVarUse is a variable that does not take its whole domain: the values
// it takes and those it never takes, as numbers, booleans or enum names.
type jsonVarUse struct {
	Machine  string `json:"machine"`
	Name     string `json:"name"`
	Pos      string `json:"pos"`
	Domain   string `json:"domain"`
	Constant bool   `json:"constant"`
	Taken    []any  `json:"taken"`
	Never    []any  `json:"never"`
}

// jsonState names a control state of a machine.
type jsonState struct {
	Machine string `json:"machine"`
	State   string `json:"state"`
}

// jsonTransition names a transition of the spec and where it is written.
type jsonTransition struct {
	Machine string `json:"machine"`
	Name    string `json:"name"`
	Pos     string `json:"pos"`
}

type jsonModelErr struct {
	Message string     `json:"message"`
	Trace   []jsonStep `json:"trace"`
}

type jsonProperty struct {
	Name     string     `json:"name"`
	Kind     string     `json:"kind"`
	Verdict  string     `json:"verdict"`
	Expected string     `json:"expected"`
	OK       bool       `json:"ok"`
	Note     string     `json:"note,omitempty"`
	Trace    []jsonStep `json:"trace,omitempty"`
	// LoopStart marks a lasso (a liveness counterexample): the step whose
	// world the last step returns to; the steps after it repeat forever.
	// It equals the last step's index when the run stops there.
	LoopStart *int `json:"loop_start,omitempty"`
	// Alternative is the second run of a knowledge counterexample: a world
	// the machine cannot tell apart from the trace's last one.
	Alternative *jsonAlternative `json:"alternative,omitempty"`
	// Vacuous lists, for a property that holds, the reasons it proves less
	// than it says (see README, Vacuity).
	Vacuous []jsonVacuity `json:"vacuous,omitempty"`
}

// jsonVacuity is one subformula a property that holds does not need.
type jsonVacuity struct {
	Subformula string `json:"subformula,omitempty"`
	Pos        string `json:"pos,omitempty"`
	Why        string `json:"why"`
}

type jsonAlternative struct {
	Note    string     `json:"note"`
	Diverge int        `json:"diverges_at_step"`
	Trace   []jsonStep `json:"trace"`
}

// jsonStep is one step of a trace; step 0 is the initial world.
type jsonStep struct {
	Index int `json:"step"`
	model.Step
	World map[string]string `json:"world"`
}

type jsonStats struct {
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

// writeJSON writes one document for one spec, and an array of them for
// several.
func writeJSON(w io.Writer, reports []*specReport, _ bool) error {
	docs := make([]jsonReport, len(reports))
	for i, r := range reports {
		docs[i] = toJSON(r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if len(docs) == 1 {
		return enc.Encode(docs[0])
	}
	return enc.Encode(docs)
}

func toJSON(r *specReport) jsonReport {
	d := jsonReport{File: r.file, Config: r.config, Properties: []jsonProperty{}, Incomplete: r.limit}
	if r.err != nil {
		d.Error = r.err.Error()
	}
	if r.sys == nil {
		return d
	}
	d.Spec = r.sys.Name
	if r.modelErr != nil {
		d.ModelError = &jsonModelErr{Message: r.modelErr.Error(), Trace: jsonTrace(r.sys, r.modelTr)}
	}
	for _, res := range r.results {
		jp := jsonProperty{Name: res.Property.Name, Kind: res.Property.Kind.String(), Verdict: res.Verdict.String(),
			Expected: res.Property.Expect.String(), OK: r.passes(res), Note: res.Note}
		if res.Trace.Worlds != nil && res.Verdict != properties.Unknown {
			jp.Trace = jsonTrace(r.sys, res.Trace)
		}
		if res.Lasso() {
			jp.LoopStart = &res.LoopStart
		}
		if res.Alt.Worlds != nil {
			jp.Alternative = &jsonAlternative{Note: res.AltNote, Diverge: res.Diverge, Trace: jsonTrace(r.sys, res.Alt)}
		}
		for _, v := range res.Vacuous {
			jv := jsonVacuity{Subformula: v.Sub, Why: v.Why}
			if v.Sub != "" {
				jv.Pos = v.Pos.String()
			}
			jp.Vacuous = append(jp.Vacuous, jv)
		}
		d.Properties = append(d.Properties, jp)
	}
	for _, u := range r.coverage.Unfired() {
		d.Unfired = append(d.Unfired, jsonTransition{Machine: u.Machine, Name: u.Name, Pos: u.Pos.String()})
	}
	jsonNeverChanges(&d, r.coverage)
	d.Stats = jsonStats{States: r.stats.States, Transitions: r.stats.Transitions, Depth: r.stats.MaxDepth,
		Seconds: r.elapsed.Seconds(), StatesPerSec: rate(r), BytesPerState: bytesPerWorld(r), Stopped: r.stopped}
	if r.stats.Compact {
		d.Stats.Omission = &r.stats.Omission
	}
	return d
}

func jsonTrace(sys *model.System, tr model.Trace) []jsonStep {
	out := []jsonStep{{Index: 0, Step: model.Step{Actor: "init", Kind: "init"}, World: worldMap(sys, tr.Worlds[0])}}
	for i, a := range tr.Actions {
		out = append(out, jsonStep{Index: i + 1, Step: sys.Describe(tr.Worlds[i], tr.Worlds[i+1], a), World: worldMap(sys, tr.Worlds[i+1])})
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
func jsonNeverChanges(d *jsonReport, cov properties.Coverage) {
	for _, u := range cov.Narrow() {
		d.Narrow = append(d.Narrow, jsonVarUse{Machine: u.Machine, Name: u.Var.Name, Pos: u.Var.Pos.String(),
			Domain: varDomain(u.Var), Constant: u.Constant(), Taken: jsonValues(u.Var, u.Taken), Never: jsonValues(u.Var, u.Never())})
	}
	for _, u := range cov.Unentered() {
		d.Unentered = append(d.Unentered, jsonState{Machine: u.Machine, State: u.Name})
	}
	for _, u := range cov.Unsent() {
		d.Unsent = append(d.Unsent, u.Name)
	}
	for _, u := range cov.Lost() {
		d.NotInFlight = append(d.NotInFlight, u.Name)
	}
}
