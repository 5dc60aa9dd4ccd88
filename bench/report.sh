#!/bin/sh
# lr-report on a large, realistic log (a million rows by default),
# against the same weekly group-by in mawk and in Miller, in one run.
# Reports the best of three runs of each, the ratios, and lr-report's
# peak memory.  Targets: 3 times faster than mawk, 10 times faster
# than Miller, under 10 MiB.
#
# Usage: bench/report.sh [ROWS]      (from the source tree, after make)
# Needs mawk, mlr (Debian miller) and /usr/bin/time (Debian time).
set -eu

cd "$(dirname "$0")/.."
rows=${1:-1000000}
bin=${LR_BIN:-bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tool in mawk mlr /usr/bin/time; do
	command -v "$tool" >/dev/null || {
		echo "bench/report.sh: needs $tool (apt-get install mawk miller time)" >&2
		exit 2
	}
done

log=$tmp/log.tsv
mawk -v ROWS="$rows" -f bench/gen-log.awk > "$log"
printf 'log: %s rows, %s bytes, %s to %s\n' "$rows" "$(wc -c < "$log")" \
    "$(sed -n 2p "$log" | cut -c 1-10)" "$(tail -n 1 "$log" | cut -c 1-10)"

# Seconds of the best of $1 runs of the rest of the arguments; the
# peak memory of the last run is left in $tmp/kb.
best() {
	n=$1
	shift
	b=
	for _ in $(seq "$n"); do
		/usr/bin/time -f '%e %M' -o "$tmp/t" "$@" > "$tmp/out" 2>/dev/null
		read -r s kb < "$tmp/t"
		echo "$kb" > "$tmp/kb"
		b=$(awk -v a="$s" -v b="$b" 'BEGIN { print (b == "" || a < b) ? a : b }')
	done
	echo "$b"
}

all="--since 1970-01-01 --until 2299-12-31"
# shellcheck disable=SC2086 # $all is meant to split into options
lr_all=$(best 3 "$bin/lr-report" --format tsv $all "$log")
lr_all_kb=$(cat "$tmp/kb")
lr_def=$(best 3 "$bin/lr-report" --format tsv "$log")
lr_def_kb=$(cat "$tmp/kb")
awk_s=$(best 3 mawk -f bench/weekly.awk "$log")
mlr_s=$(best 2 mlr --itsv --otsv put -q -f bench/weekly.mlr "$log")

# The three must agree on the figures of every week.
# shellcheck disable=SC2086
"$bin/lr-report" --format tsv $all "$log" | awk -F'\t' -v OFS='\t' \
    'NR > 1 && ($3 + $6 + $7 + $8 > 0 || $15 != "") { print $3, $4, $5, $6, $7, $8 }' > "$tmp/lr.tsv"
mawk -f bench/weekly.awk "$log" | sed 1d | sort -n | cut -f 2-7 > "$tmp/awk.tsv"
mlr --itsv --otsv put -q -f bench/weekly.mlr "$log" | sed 1d | sort -n | cut -f 2-7 > "$tmp/mlr.tsv"
if cmp -s "$tmp/lr.tsv" "$tmp/awk.tsv" && cmp -s "$tmp/lr.tsv" "$tmp/mlr.tsv"; then
	echo "lr-report, mawk and mlr agree on all $(wc -l < "$tmp/lr.tsv") weeks"
else
	echo "FAIL: the figures differ" >&2
	exit 1
fi

awk -v a="$lr_all" -v d="$lr_def" -v m="$awk_s" \
    -v x="$mlr_s" -v ka="$lr_all_kb" -v kd="$lr_def_kb" 'BEGIN {
	printf "%-44s %7.2f s  %6.1f MiB\n", "lr-report --format tsv (last 4 weeks)", d, kd / 1024
	printf "%-44s %7.2f s  %6.1f MiB\n", "lr-report --format tsv (every week)", a, ka / 1024
	printf "%-44s %7.2f s\n", "mawk -f bench/weekly.awk", m
	printf "%-44s %7.2f s\n", "mlr put -q -f bench/weekly.mlr", x
	printf "\nmawk / lr-report = %.1f (target 3), mlr / lr-report = %.1f (target 10)\n", m / a, x / a
	printf "peak memory: %.1f MiB (target under 10)\n", (ka > kd ? ka : kd) / 1024
	ok = m / a >= 3 && x / a >= 10 && ka < 10240 && kd < 10240
	print ok ? "PASS" : "FAIL"
	exit !ok
}'
