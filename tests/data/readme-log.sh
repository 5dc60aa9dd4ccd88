#!/bin/sh
# How tests/data/readme-log.tsv was made: the log behind the README's
# sample report (tests/readme.bats runs `lr-report -w 3` on it, on
# 2027-01-10, Berlin time).  Three weeks over New Year: four sessions
# (results rows as lr-timer writes them, the first with pain before and
# after, one cut short, one run past midnight into the next ISO week)
# and three pain check-ins, each logged by lr-log at the time it
# happened.
#
#   PATH=bin:$PATH tests/data/readme-log.sh > tests/data/readme-log.tsv
#
# Needs faketime.
set -eu

export TZ=Europe/Berlin
work=$(mktemp -d "${TMPDIR:-/tmp}/readme-log.XXXXXX")
trap 'rm -rf "$work"' EXIT
export LR_LOG="$work/log.tsv"

at() {
	when=$1
	shift
	faketime "$when" "$@"
}

# A session's results rows, tab-separated, from the lines on stdin
# (fields split on |), logged at $1.
session() {
	{
		printf 'started|session|record|step|id|side|sets|reps|hold_s|active_s|status|pain|note\n'
		cat
	} | tr '|' '\t' > "$work/results.tsv"
	at "$1" lr-log -q "$work/results.tsv"
}

session '2026-12-21 18:06:00' <<'EOF'
2026-12-21T18:00:00+01:00|20261221T180000-5a1e|pain|0|||0|0|0|0|before|4|
2026-12-21T18:00:20+01:00|20261221T180000-5a1e|exercise|1|cobra|both|3|0|45|45|done||
2026-12-21T18:02:05+01:00|20261221T180000-5a1e|exercise|2|bird-dog|left|1|10|30|60|done||
2026-12-21T18:02:05+01:00|20261221T180000-5a1e|exercise|2|bird-dog|right|0|5|15|30|partial||
2026-12-21T18:05:40+01:00|20261221T180000-5a1e|pain|0|||0|0|0|0|after|6|
EOF
at '2026-12-22 09:00:00' lr-log -q pain 5
session '2026-12-23 17:02:00' <<'EOF'
2026-12-23T17:00:10+01:00|20261223T170000-b7c0|exercise|1|cat-cow|both|1|5|0|30|done||
2026-12-23T17:00:50+01:00|20261223T170000-b7c0|exercise|2|glute-bridge|both|0|0|0|0|skipped||
EOF
at '2027-01-03 20:00:00' lr-log -q pain 3
session '2027-01-04 00:01:30' <<'EOF'
2027-01-03T23:58:10+01:00|20270103T235800-0d3f|exercise|1|cobra|both|3|0|45|45|done||
2027-01-04T00:00:05+01:00|20270103T235800-0d3f|exercise|2|glute-bridge|both|1|10|30|60|done||
EOF
at '2027-01-04 08:00:00' lr-log -q pain 2
session '2027-01-05 10:02:00' <<'EOF'
2027-01-05T10:00:10+01:00|20270105T100000-e2a9|exercise|1|cobra|both|3|0|45|45|done||
EOF
cat "$LR_LOG"
