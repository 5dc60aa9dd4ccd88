#!/bin/sh
# How exactly does lr-timer keep time?  Runs a 20-second plan at speed
# 1 and a 30-minute plan at speed 100 in batch mode, and reports the
# wall-clock time against the plan, and the CPU time used (a timer
# that busy-waits would use as much CPU as wall time).
#
# Usage: bench/timer-accuracy.sh   (from the source tree, after make)
set -eu

cd "$(dirname "$0")/.."
bin=${LR_BIN:-bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

header=$(printf 'step\tid\tname\tkind\tposition\tequipment\tsides\tsets\treps\trep_s\thold_s\tbreaths\trest_s\tcue')

# 10 s to get ready + a 10 s hold = 20 s.
printf '%s\n1\tcobra\tCobra\tstretch\tprone\tnone\t1\t1\t0\t0\t10\t0\t0\tHold\n' \
    "$header" > "$tmp/20s.tsv"

# About half an hour (1910 s): 10 s ready + 3 sets of 170 s with 10 s
# rests = 540 s,
# times three, plus a two-sided 10 x 6 s exercise.
{
	printf '%s\n' "$header"
	for i in 1 2 3; do
		printf '%d\tcobra\tCobra\tstretch\tprone\tnone\t1\t3\t0\t0\t170\t0\t10\tHold\n' "$i"
	done
	printf '4\tbird-dog\tBird dog\tstrength\tall-fours\tnone\t2\t2\t10\t3\t3\t0\t30\tSlow\n'
} > "$tmp/30min.tsv"

run() {
	plan=$1 speed=$2
	start=$(date +%s.%N)
	/usr/bin/env time -f '%U %S' -o "$tmp/cpu" \
	    "$bin/lr-timer" --batch --speed "$speed" "$plan" \
	    >"$tmp/out.tsv" 2>"$tmp/err.txt"
	end=$(date +%s.%N)
	took=$(sed -n 's/.*; took \([0-9.]*\) s$/\1/p' "$tmp/err.txt")
	about=$(sed -n 's/.*about \([0-9]*\) s at speed.*/\1/p' "$tmp/err.txt")
	read -r user sys < "$tmp/cpu"
	awk -v about="$about" -v speed="$speed" -v took="$took" \
	    -v start="$start" -v end="$end" -v user="$user" -v sys="$sys" \
	    -v name="$(basename "$plan")" 'BEGIN {
		want = about / speed
		wall = end - start
		printf "%-10s speed %-4s planned %8.3f s  timer %8.3f s  wall %8.3f s  error %+7.1f ms  cpu %.2f s\n",
		    name, speed, want, took, wall, (took - want) * 1000, user + sys
		if ((took - want) > 0.2 || (want - took) > 0.2) { print "  FAIL: more than 0.2 s off"; exit 1 }
	}'
}

[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package time)" >&2; exit 2; }
run "$tmp/20s.tsv" 1
run "$tmp/30min.tsv" 100
