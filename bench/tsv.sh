#!/bin/sh
# Wide TSV files: lr-log and lr-report on 10 result rows carrying
# 15,000 columns of their own (names of three letters or digits, to
# fit the 64 KiB a line may hold), against the same 10 rows with none.
# Prints the CPU seconds (user + system) of one run of each, and the
# ratio of wide to narrow.  A reader that is linear in the width keeps
# the ratio near that of the bytes read; a quadratic one runs away
# (10 wide rows once took lr-log 6.5 s).  No target: a figure to watch.
#
# Usage: bench/tsv.sh [EXTRA]      (from the source tree, after make)
# Needs /usr/bin/time (Debian time).
set -eu

cd "$(dirname "$0")/.."
extra=${1:-15000}
bin=${LR_BIN:-bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

command -v /usr/bin/time >/dev/null || {
	echo "bench/tsv.sh: needs /usr/bin/time (apt-get install time)" >&2
	exit 2
}
case $extra in
'' | *[!0-9]*)
	echo "bench/tsv.sh: EXTRA is a number of columns" >&2
	exit 2
	;;
esac
if [ "$extra" -gt 16000 ]; then
	echo "bench/tsv.sh: at most 16000 extra columns fit in a line" >&2
	exit 2
fi

# The results header and $1 more columns, then 10 rows.
gen() {
	awk -v N="$1" 'BEGIN {
		d = "0123456789abcdefghijklmnopqrstuvwxyz"
		printf "started\tsession\trecord\tstep\tid\tside\tsets\treps"
		printf "\thold_s\tactive_s\tstatus\tpain\tnote"
		for (i = 0; i < N; i++)
			printf "\t%s%s%s", substr(d, int(i / 1296) + 1, 1),
			    substr(d, int(i / 36) % 36 + 1, 1), substr(d, i % 36 + 1, 1)
		print ""
		for (r = 1; r <= 10; r++) {
			printf "2026-03-%02dT18:00:00+01:00\tS%d\texercise\t1", r, r
			printf "\tcobra\tboth\t3\t0\t45\t45\tdone\t\t"
			for (i = 0; i < N; i++)
				printf "\tv%d", i % 10
			print ""
		}
	}'
}

# CPU seconds of one run, from $1 runs in a row: lr-log into a new log
# in $3 each time, of the rows in $2; then lr-report of the last log.
log_cpu() {
	# shellcheck disable=SC2016 # the inner sh expands them
	/usr/bin/time -f '%U %S' -o "$tmp/t" sh -c '
		i=0
		while [ "$i" -lt "$1" ]; do
			i=$((i + 1))
			"$4/lr-log" -q -f "$3/log$i.tsv" "$2" || exit 1
		done' sh "$1" "$2" "$3" "$bin" >/dev/null
	awk -v k="$1" '{ printf "%.4f", ($1 + $2) / k }' "$tmp/t"
}

report_cpu() {
	# shellcheck disable=SC2016 # the inner sh expands them
	/usr/bin/time -f '%U %S' -o "$tmp/t" sh -c '
		i=0
		while [ "$i" -lt "$1" ]; do
			i=$((i + 1))
			"$3/lr-report" "$2" >/dev/null 2>&1 || exit 1
		done' sh "$1" "$2" "$bin"
	awk -v k="$1" '{ printf "%.4f", ($1 + $2) / k }' "$tmp/t"
}

mkdir "$tmp/narrow" "$tmp/wide"
gen 0 > "$tmp/narrow.tsv"
gen "$extra" > "$tmp/wide.tsv"

# Enough runs of the narrow file for the clock's hundredths to count.
n_log=$(log_cpu 50 "$tmp/narrow.tsv" "$tmp/narrow")
w_log=$(log_cpu 3 "$tmp/wide.tsv" "$tmp/wide")
n_rep=$(report_cpu 50 "$tmp/narrow/log1.tsv")
w_rep=$(report_cpu 20 "$tmp/wide/log1.tsv")

awk -v nl="$n_log" -v wl="$w_log" -v nr="$n_rep" -v wr="$w_rep" \
    -v x="$extra" -v nb="$(wc -c < "$tmp/narrow.tsv")" \
    -v wb="$(wc -c < "$tmp/wide.tsv")" 'BEGIN {
	printf "%-34s %10s %10s %8s\n", "CPU seconds, 10 rows", "lr-log",
	    "lr-report", "bytes"
	printf "%-34s %10.4f %10.4f %8d\n", "no extra columns", nl, nr, nb
	printf "%-34s %10.4f %10.4f %8d\n", x " extra columns", wl, wr, wb
	printf "%-34s %10.1f %10.1f %8.1f\n", "ratio, wide / narrow",
	    (nl > 0 ? wl / nl : 0), (nr > 0 ? wr / nr : 0), wb / nb
}'
