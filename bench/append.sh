#!/usr/bin/env bash
# How long does lr-log take to append one 15-row session, and does it
# grow with the log?  In one run, side by side, for logs of 1k, 100k
# and 1M rows (bench/gen-log.awk): the same new session appended with
# `lr-log -q -f LOG` to fresh copies of each log, and the same 15 rows
# inserted with the sqlite3 shell into SQLite databases holding the same
# rows (WAL, synchronous=FULL, a UNIQUE index on the row's key, INSERT
# OR IGNORE as lr-log skips rows it already has).  Each append is a
# process of its own, as in a day's use, and timed whole.
#
# The first append to a copied log may do more (build the index of the
# log's rows): it is reported on its own, as "first"; "steady" is the
# median of the appends after it, each a new session.
# Targets: steady 1M / 1k within 2, and lr-log / SQLite within 2.
# "4 at once": four lr-log appending their own sessions to the same
# log at the same moment, timed until all four are done (each holds
# the lock only for its own append).
#
# Usage: bench/append.sh [DIR]    (from the source tree, after make)
# DIR keeps the generated logs and databases for the next run; without
# it they are made in a temporary directory and removed.
# COPIES (default 3) fresh copies of each log, STEADY (default 5)
# appends to each after the first; SIZES (default "1000 100000
# 1000000") the logs' rows, smallest first (tests/bench.bats runs it
# small, to see that it still works).
set -eu
export LC_ALL=C

cd "$(dirname "$0")/.."
bin=${LR_BIN:-bin}
copies=${COPIES:-3}
steady=${STEADY:-5}
sizes=${SIZES:-1000 100000 1000000}

for tool in mawk sqlite3; do
	command -v "$tool" >/dev/null || {
		echo "bench/append.sh: needs $tool (apt-get install mawk sqlite3)" >&2
		exit 2
	}
done
[ -x "$bin/lr-log" ] || {
	echo "bench/append.sh: no $bin/lr-log: run make first" >&2
	exit 2
}

tmp=$(mktemp -d)
if [ $# -gt 0 ]; then
	data=$1
	mkdir -p "$data"
else
	data=$tmp/data
	mkdir "$data"
fi
trap 'rm -rf "$tmp"' EXIT

# A new 15-row session of lr-timer's results, header and all: pain
# before, eight exercises (five on each side in turn), pain after.
# $1 makes the session and its day differ from every other.
session() {
	mawk -v tag="$1" -v year="$(( $(date +%Y) - 1 ))" 'BEGIN {
		OFS = "\t"
		print "started", "session", "record", "step", "id", "side",
		    "sets", "reps", "hold_s", "active_s", "status", "pain", "note"
		n = split("knee-to-chest:2 cat-cow:1 figure-four-stretch:2 " \
		    "seated-hamstring-stretch:2 glute-bridge:1 bird-dog:2 " \
		    "cobra:1 supine-twist:2", ex, " ")
		# A day of last year: a time in the future is refused.
		day = sprintf("%d-%02d-%02d", year, tag % 12 + 1, tag % 28 + 1)
		sid = "bench-" tag
		print day "T18:00:00+01:00", sid, "pain", 0, "", "", 0, 0, 0, 0,
		    "before", tag % 6 + 1, ""
		for (i = 1; i <= n; i++) {
			split(ex[i], e, ":")
			for (s = 1; s <= e[2]; s++)
				print sprintf("%sT18:%02d:00+01:00", day, i), sid,
				    "exercise", i, e[1],
				    e[2] == 2 ? (s == 1 ? "left" : "right") : "both",
				    1, 10, 20, 40, "done", "", ""
		}
		print day "T18:14:00+01:00", sid, "pain", 0, "", "", 0, 0, 0, 0,
		    "after", tag % 6, "bench"
	}'
}

# The same rows as SQL for the sqlite3 shell, in one transaction.
session_sql() {
	printf 'PRAGMA synchronous=FULL;\nBEGIN;\n'
	mawk -F'\t' -v now="$(date +%Y-%m-%dT%H:%M:%S%z)" 'NR > 1 {
		printf "INSERT OR IGNORE INTO log VALUES("
		for (i = 1; i <= NF; i++) {
			v = $i
			gsub(/\047/, "\047\047", v)
			printf "%s\047%s\047", (i > 1 ? "," : ""), v
		}
		printf ",\047%s\047);\n", now
	}' "$1"
	printf 'COMMIT;\n'
}

# Milliseconds the command takes, its output thrown away; fails with it.
ms() {
	local t0 t1
	t0=$EPOCHREALTIME
	"$@" >/dev/null
	t1=$EPOCHREALTIME
	mawk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) * 1000 }'
}

# Four lr-log appending to log $1 at once, each its own session.
at_once() {
	local k
	for k in 1 2 3 4; do
		"$bin/lr-log" -q -f "$1" "$tmp/at-once-$k.tsv" &
	done
	for k in 1 2 3 4; do
		wait -n || fail "an lr-log of four at once failed"
	done
}

median() {
	sort -n | mawk '{ v[NR] = $1 } END {
		if (NR == 0) exit 1
		print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)
	}'
}

fail() {
	echo "bench/append.sh: $*" >&2
	exit 1
}

rows_of() {
	wc -l < "$1" | tr -d ' '
}

# The logs, and the databases holding the same rows.
for n in $sizes; do
	log=$data/log-$n.tsv
	db=$data/log-$n.sqlite
	if [ ! -s "$log" ]; then
		mawk -v ROWS="$n" -f bench/gen-log.awk > "$log.tmp"
		chmod 600 "$log.tmp"
		mv "$log.tmp" "$log"
		rm -f "$db"
	fi
	if [ ! -s "$db" ]; then
		rm -f "$db.tmp" "$db.tmp-wal" "$db.tmp-shm"
		sqlite3 "$db.tmp" >/dev/null <<EOF
PRAGMA journal_mode=WAL;
CREATE TABLE log(started TEXT, session TEXT, record TEXT, step INTEGER,
    id TEXT, side TEXT, sets INTEGER, reps INTEGER, hold_s INTEGER,
    active_s INTEGER, status TEXT, pain TEXT, note TEXT, logged TEXT);
.mode tabs
.import --skip 1 $log log
CREATE UNIQUE INDEX log_key ON log(started, session, record, step, id, side);
PRAGMA wal_checkpoint(TRUNCATE);
EOF
		mv "$db.tmp" "$db"
	fi
	got=$(sqlite3 "$db" 'SELECT count(*) FROM log')
	[ "$got" -ge "$n" ] || fail "$db holds $got rows, not $n"
	printf 'log of %s rows: %s bytes\n' "$n" "$(wc -c < "$log" | tr -d ' ')"
done
sync	# what was made is on disk before anything is timed

# Every append gets a session of its own, so that each adds 15 rows.
tag=0
next_session() {
	tag=$((tag + 1))
	session "$tag" > "$tmp/session.tsv"
	session_sql "$tmp/session.tsv" > "$tmp/session.sql"
}

printf '\n%8s %12s %12s %12s %14s %12s\n' rows "lr-log first" "lr-log" \
    sqlite "lr-log/sqlite" "4 at once"
printf '%8s %12s %12s %12s %14s %12s\n' "" "(ms)" "steady (ms)" "(ms)" "" \
    "(ms, all)"
for n in $sizes; do
	: > "$tmp/first"
	: > "$tmp/steady"
	: > "$tmp/sqlite"
	: > "$tmp/four"
	cp "$data/log-$n.sqlite" "$tmp/db.sqlite"
	sync "$tmp/db.sqlite"
	next_session	# once before timing: the first connection's setup
	sqlite3 "$tmp/db.sqlite" < "$tmp/session.sql" >/dev/null
	for c in $(seq "$copies"); do
		rm -rf "$tmp/w"
		mkdir -m 700 "$tmp/w"
		cp "$data/log-$n.tsv" "$tmp/w/log.tsv"
		sync "$tmp/w/log.tsv"	# lr-log's fsync is not to write it all
		want=$(rows_of "$tmp/w/log.tsv")
		next_session
		ms "$bin/lr-log" -q -f "$tmp/w/log.tsv" "$tmp/session.tsv" \
		    >> "$tmp/first"
		# Side by side, so that both see the same load on the machine.
		for _ in $(seq "$steady"); do
			next_session
			ms "$bin/lr-log" -q -f "$tmp/w/log.tsv" \
			    "$tmp/session.tsv" >> "$tmp/steady"
			ms sqlite3 "$tmp/db.sqlite" < "$tmp/session.sql" \
			    >> "$tmp/sqlite"
		done
		# Four people's sessions at once (four lr-log, as from four
		# terminals): the time until all are in, against one alone.
		for k in 1 2 3 4; do
			next_session
			cp "$tmp/session.tsv" "$tmp/at-once-$k.tsv"
		done
		ms at_once "$tmp/w/log.tsv" >> "$tmp/four"
		# Each append must have added its 15 rows.
		want=$((want + 15 * (steady + 1 + 4)))
		got=$(rows_of "$tmp/w/log.tsv")
		[ "$got" -eq "$want" ] ||
		    fail "the log of $n rows (copy $c) has $got lines, not $want"
	done
	# The last session again adds nothing, and the log is sound.
	"$bin/lr-log" -q -f "$tmp/w/log.tsv" "$tmp/session.tsv" \
	    2>"$tmp/err" || fail "lr-log failed on a session it had logged: $(cat "$tmp/err")"
	got=$(rows_of "$tmp/w/log.tsv")
	[ "$got" -eq "$want" ] ||
	    fail "a session logged twice: the log of $n rows has $got lines, not $want"
	"$bin/lr-log" --check -f "$tmp/w/log.tsv" 2>"$tmp/err" ||
	    fail "the log of $n rows is unsound: $(cat "$tmp/err")"
	rm -rf "$tmp/w"
	want=$(( $(sqlite3 "$data/log-$n.sqlite" 'SELECT count(*) FROM log') +
	    15 * (copies * steady + 1) ))
	got=$(sqlite3 "$tmp/db.sqlite" 'SELECT count(*) FROM log')
	[ "$got" -eq "$want" ] ||
	    fail "the database of $n rows has $got rows, not $want"
	rm -f "$tmp/db.sqlite" "$tmp/db.sqlite-wal" "$tmp/db.sqlite-shm"

	f=$(median < "$tmp/first")
	s=$(median < "$tmp/steady")
	q=$(median < "$tmp/sqlite")
	a=$(median < "$tmp/four")
	echo "$n $f $s $q $a" >> "$tmp/table"
	mawk -v n="$n" -v f="$f" -v s="$s" -v q="$q" -v a="$a" 'BEGIN {
		printf "%8d %12.1f %12.1f %12.1f %14.2f %12.1f\n", n, f, s, q,
		    s / q, a
	}'
done

mawk -v copies="$copies" -v steady="$steady" '
{ n[NR] = $1; f[NR] = $2; s[NR] = $3; q[NR] = $4; a[NR] = $5 }
END {
	printf "\nmedians of %d first appends, and of %d steady appends and inserts,\n",
	    copies, copies * steady
	print "at each size"
	growth = s[NR] / s[1]
	printf "lr-log steady, %d rows / %d rows: %.2f (target 2 or less)\n",
	    n[NR], n[1], growth
	ok = growth <= 2
	for (i = 1; i <= NR; i++) {
		printf "lr-log / SQLite at %d rows: %.2f (target 2 or less)\n",
		    n[i], s[i] / q[i]
		ok = ok && s[i] / q[i] <= 2
	}
	printf "lr-log first append at %d rows: %.1f ms, %.1f times the steady one\n",
	    n[NR], f[NR], f[NR] / s[NR]
	printf "four lr-log at once at %d rows: %.1f ms for all, %.1f times one alone\n",
	    n[NR], a[NR], a[NR] / s[NR]
	print ok ? "PASS" : "FAIL"
	exit !ok
}' "$tmp/table"
