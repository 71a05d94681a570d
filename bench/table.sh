#!/usr/bin/env bash
# Print the markdown tables of a bench/run.sh results directory.
#
#   bench/table.sh [bench/results]
set -euo pipefail
RES=${1:-$(cd "$(dirname "$0")" && pwd)/results}
ORDER=(P1 C1 P2 C2 A C3 C4 P3 C5)
TOOLS=(tcpcheck spin spin-collapse rumur)

wall_of() { awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$1"; }
rss_of() { awk -F': ' '/Maximum resident set size/{print $2}' "$1"; }

# counts NAME TOOL: "states transitions" from the first run's output
# (transitions as Rumur counts them: rules fired; SPIN reports one more)
counts() {
  local out="$RES/$1.$2.1.out"
  [ -f "$out" ] || return 0
  case $2 in
    tcpcheck) awk '/ worlds, .* transitions, depth/{gsub(",",""); print $1, $3; exit}' "$out" ;;
    # SPIN prints large counts as 4.5256900e+08: only 8 digits are known
    spin*) awk '/states, stored/{s=$1} /states, matched/{m=$1}
      END{if (s == "") exit; t = s + m - 1; if (s m ~ /e/) printf "%d ~%.7g\n", s, t; else printf "%d %d\n", s, t}' "$out" ;;
    rumur) sed -n 's/.*<summary states="\([0-9]*\)" rules_fired="\([0-9]*\)".*/\1 \2/p' "$out" ;;
  esac
}

# stat NAME TOOL: "median_wall max_rss_kb runs" over the runs that finished
stat() {
  local f walls=() rss=0 n=0
  for f in "$RES/$1.$2".*.time; do
    [ -f "$f" ] || continue
    grep -q '^rc: 0$' "$f" || continue
    walls+=("$(wall_of "$f")")
    rss=$(( $(rss_of "$f") > rss ? $(rss_of "$f") : rss ))
    n=$((n + 1))
  done
  [ "$n" -gt 0 ] || return 0
  printf '%s\n' "${walls[@]}" | sort -g | awk -v n="$n" -v rss="$rss" '{a[NR]=$1} END{print a[int((n+1)/2)], rss, n}'
}

# busy NAME TOOL: the most cores other work kept busy just before a run
busy() { cat "$RES/$1.$2".*.load 2>/dev/null | awk '{if ($2 > m) m = $2} END{printf "%.1f", m}'; }

head -n 20 "$RES/env.txt" 2>/dev/null | sed 's/^/    /'
echo
echo "Seconds: median wall clock of the verifier run (tcpcheck: the whole verify"
echo "command, spec loading and invariant checks included; SPIN and Rumur: the"
echo "compiled verifier, compilation excluded). RSS: peak resident set (GNU time)."
echo "B/state = peak RSS / states. Transitions as Rumur counts them (rules fired;"
echo "~: SPIN printed only 8 digits)."
echo "SPIN: -DSAFETY -DNOREDUCE, one core; Rumur: --threads 2, symmetry off;"
echo "tcpcheck: BFS on every core, parent links kept for counterexamples."
echo "Busy: the most cores that other processes kept busy in the second before a"
echo "run (the machine is shared; other work slows tcpcheck's second core first)."
echo
echo "| inst | tool | runs | busy | states | transitions | s | states/s | peak RSS MiB | B/state | tcpcheck ×states/s | tcpcheck ×B/state |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
declare -A RATE BPS
for name in "${ORDER[@]}"; do
  [ -f "$RES/$name.params" ] || continue
  for tool in "${TOOLS[@]}"; do
    read -r wall rss n <<<"$(stat "$name" "$tool")" || true
    [ -n "${wall:-}" ] || continue
    read -r states trans <<<"$(counts "$name" "$tool")" || true
    [ -n "${states:-}" ] || continue
    RATE[$name.$tool]=$(awk -v s="$states" -v w="$wall" 'BEGIN{print (w > 0) ? s / w : 0}')
    BPS[$name.$tool]=$(awk -v r="$rss" -v s="$states" 'BEGIN{print r * 1024 / s}')
  done
  for tool in "${TOOLS[@]}"; do
    read -r wall rss n <<<"$(stat "$name" "$tool")" || true
    [ -n "${wall:-}" ] || continue
    read -r states trans <<<"$(counts "$name" "$tool")" || true
    [ -n "${states:-}" ] || continue
    ratio="" bratio=""
    if [ "$tool" != tcpcheck ] && [ -n "${RATE[$name.tcpcheck]:-}" ]; then
      ratio=$(awk -v a="${RATE[$name.tcpcheck]}" -v b="${RATE[$name.$tool]}" 'BEGIN{if (b > 0) printf "%.2f", a / b}')
      bratio=$(awk -v a="${BPS[$name.tcpcheck]}" -v b="${BPS[$name.$tool]}" 'BEGIN{if (b > 0) printf "%.2f", a / b}')
    fi
    awk -v name="$name" -v tool="$tool" -v n="$n" -v s="$states" -v t="$trans" -v w="$wall" -v rss="$rss" \
      -v ratio="$ratio" -v bratio="$bratio" -v load="$(busy "$name" "$tool")" 'BEGIN{
        printf "| %s | %s | %d | %s | %d | %s | %.2f | %.2f M | %.0f | %.0f | %s | %s |\n",
          name, tool, n, load, s, t, w, (w > 0 ? s / w / 1e6 : 0), rss / 1024, rss * 1024 / s, ratio, bratio }'
  done
done

echo
echo "Growth along the C family (each step adds one slot to each channel):"
echo "factor over the previous instance."
echo
echo "| inst | states | ×states | tcpcheck s | ×time | tcpcheck RSS MiB | ×memory |"
echo "|---|---:|---:|---:|---:|---:|---:|"
prev_s="" prev_w="" prev_r=""
for name in C1 C2 C3 C4 C5; do
  read -r wall rss n <<<"$(stat "$name" tcpcheck)" || true
  [ -n "${wall:-}" ] || continue
  read -r states trans <<<"$(counts "$name" tcpcheck)" || true
  awk -v name="$name" -v s="$states" -v w="$wall" -v r="$rss" -v ps="$prev_s" -v pw="$prev_w" -v pr="$prev_r" 'BEGIN{
    fs = (ps != "" && ps > 0) ? sprintf("%.1f", s / ps) : ""
    fw = (pw != "" && pw > 0) ? sprintf("%.1f", w / pw) : ""
    fr = (pr != "" && pr > 0) ? sprintf("%.1f", r / pr) : ""
    printf "| %s | %d | %s | %.2f | %s | %.0f | %s |\n", name, s, fs, w, fw, r / 1024, fr }'
  prev_s=$states prev_w=$wall prev_r=$rss
done
