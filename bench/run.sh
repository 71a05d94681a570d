#!/usr/bin/env bash
# Compare tcpcheck with SPIN and Rumur on the shared TCP model (MODEL.md):
# the same transition system in specs/bench/tcp_model.yaml (tcpcheck),
# bench/peers/tcp.pml (SPIN) and bench/peers/tcp_body.m (Rumur). Every tool
# runs each instance in turn, on the same machine, and the script writes a
# markdown table: states, transitions, seconds, states/s, peak RSS,
# bytes/state, and tcpcheck's ratio to each peer; then how time and memory
# grow along the C family.
#
#   bench/run.sh                  # C1 C2 A P1 P2 C3 C4
#   bench/run.sh C3 C4            # those instances only
#   bench/run.sh C5 P3            # the large ones (minutes each, ~10 GiB)
#
# Environment:
#   REPS=3          timed runs per tool and instance; the median is reported
#   LONG_S=60       a tool whose first run takes longer is not repeated
#   TIMEOUT_S=900   wall-clock limit of one run
#   COLLAPSE=C4     instances on which SPIN also runs with -DCOLLAPSE
#   RES=bench/results   where logs and table.md go
#
# It installs nothing. It needs go, spin, rumur, gcc, GNU time
# (/usr/bin/time) and timeout; on Debian or Ubuntu:
#   apt-get install spin rumur gcc time
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
REPS=${REPS:-3}
LONG_S=${LONG_S:-60}
TIMEOUT_S=${TIMEOUT_S:-900}
COLLAPSE=${COLLAPSE:-C4}
RES=${RES:-$HERE/results}
BUILD=$RES/build

missing=()
for tool in go spin rumur gcc timeout awk; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (GNU time)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench/run.sh needs: ${missing[*]}" >&2
  echo "It installs nothing. On Debian or Ubuntu: apt-get install spin rumur gcc time (and Go from go.dev)" >&2
  exit 1
fi

# name K CAP MAXR SEQ DUP CLOSEV W (SPIN's -w: log2 of its hash table)
ALL=(
  "C1 1 1 2 2 1 1 14"
  "C2 1 2 2 2 1 1 18"
  "A  1 2 2 4 1 0 18"
  "P1 1 1 1 2 0 0 10"
  "P2 2 1 1 2 0 0 17"
  "C3 1 3 2 2 1 1 21"
  "C4 1 4 2 2 1 1 24"
  "C5 1 5 2 2 1 1 26"
  "P3 3 1 1 2 0 0 25"
)
WANT=("$@")
[ ${#WANT[@]} -gt 0 ] || WANT=(C1 C2 A P1 P2 C3 C4)

mkdir -p "$RES" "$BUILD"
echo "building tcpcheck" >&2
(cd "$ROOT" && go build -o "$BUILD/tcpcheck" ./cmd/tcpcheck)
{
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(nproc) cores (nproc), $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "tcpcheck: $(cd "$ROOT" && go version), $(cd "$ROOT" && git describe --always --dirty 2>/dev/null || echo unknown)"
  echo "spin: $(spin -V)"
  echo "rumur: $(rumur --version)"
  echo "gcc: $(gcc --version | head -1)"
} > "$RES/env.txt"
cat "$RES/env.txt" >&2

# timed NAME TOOL CMD...: up to REPS runs of CMD under GNU time, in the
# current directory; logs go to $RES/NAME.TOOL.N.{out,time}.
timed() {
  local name=$1 tool=$2; shift 2
  rm -f "$RES/$name.$tool".*
  local rep
  for rep in $(seq 1 "$REPS"); do
    local base="$RES/$name.$tool.$rep" rc=0
    echo "busy $(busy)" > "$base.load"
    /usr/bin/time -v -o "$base.time" timeout "$TIMEOUT_S" "$@" > "$base.out" 2>&1 || rc=$?
    echo "rc: $rc" >> "$base.time"
    local wall
    wall=$(wall_of "$base.time")
    printf '  %-14s run %d: %8.2f s (exit %d; other work before it: %s cores busy)\n' "$tool" "$rep" "$wall" "$rc" "$(cut -d' ' -f2 "$base.load")" >&2
    if [ "$rc" = 124 ] || awk -v w="$wall" -v l="$LONG_S" 'BEGIN{exit !(w > l)}'; then break; fi
  done
}

# busy prints how many cores other processes kept busy during the last
# second (from /proc/stat): a run on a busy machine is slower, and
# tcpcheck, which uses both cores, more so.
busy() {
  local a b
  a=$(awk '/^cpu /{print $2+$3+$4+$7+$8, $5+$6}' /proc/stat)
  sleep 1
  b=$(awk '/^cpu /{print $2+$3+$4+$7+$8, $5+$6}' /proc/stat)
  awk -v a="$a" -v b="$b" -v n="$(nproc)" 'BEGIN{split(a, x, " "); split(b, y, " ");
    t = (y[1] - x[1]) + (y[2] - x[2]); printf "%.1f", (t > 0 ? n * (y[1] - x[1]) / t : 0)}'
}

wall_of() { awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$1"; }
rss_of() { awk -F': ' '/Maximum resident set size/{print $2}' "$1"; }

for inst in "${ALL[@]}"; do
  read -r name K CAP MAXR SEQ DUP CLOSEV W <<<"$inst"
  [[ " ${WANT[*]} " == *" $name "* ]] || continue
  echo "$name: K=$K CAP=$CAP MAXR=$MAXR SEQ=$SEQ DUP=$DUP CLOSEV=$CLOSEV" >&2
  echo "K=$K CAP=$CAP MAXR=$MAXR SEQ=$SEQ DUP=$DUP CLOSEV=$CLOSEV" > "$RES/$name.params"
  D="$BUILD/$name"
  rm -rf "$D"; mkdir -p "$D"

  timed "$name" tcpcheck "$BUILD/tcpcheck" verify --stats \
    --set K="$K" --set CAP="$CAP" --set MAXR="$MAXR" --set SEQ="$SEQ" --set DUP="$DUP" --set CLOSEV="$CLOSEV" \
    "$ROOT/specs/bench/tcp_model.yaml"

  cp "$HERE/peers/tcp.pml" "$D/"
  (cd "$D" && spin -DK="$K" -DCAP="$CAP" -DMAXR="$MAXR" -DSEQ="$SEQ" -DDUP="$DUP" -DCLOSEV="$CLOSEV" -a tcp.pml > spin.log 2>&1)
  (cd "$D" && gcc -O2 -DMEMLIM=20480 -DSAFETY -DNOREDUCE -o pan pan.c 2> gcc.log)
  (cd "$D" && timed "$name" spin "./pan" -m200000 -w"$W")
  if [[ " $COLLAPSE " == *" $name "* ]]; then
    (cd "$D" && gcc -O2 -DMEMLIM=20480 -DSAFETY -DNOREDUCE -DCOLLAPSE -o pan-collapse pan.c 2> gcc.log)
    (cd "$D" && timed "$name" spin-collapse "./pan-collapse" -m200000 -w"$W")
  fi

  printf 'const K: %s; CAP: %s; MAXR: %s; SEQ: %s; DUP: %s; CLOSEV: %s;\n' "$K" "$CAP" "$MAXR" "$SEQ" "$DUP" "$CLOSEV" > "$D/tcp.m"
  cat "$HERE/peers/tcp_body.m" >> "$D/tcp.m"
  (cd "$D" && rumur --deadlock-detection off --output-format machine-readable --threads 2 --symmetry-reduction off -o rumur.c tcp.m > rumur.log 2>&1)
  (cd "$D" && gcc -std=c11 -O3 -mcx16 -o rumur rumur.c -lpthread 2> gcc.log)
  (cd "$D" && timed "$name" rumur "./rumur")
done

"$HERE/table.sh" "$RES" | tee "$RES/table.md"
