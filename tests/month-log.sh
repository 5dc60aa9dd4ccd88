#!/bin/sh
# A month of results rows, as lr-timer writes them, on stdout: four
# weeks of a sciatica routine from Monday 2 November 2026, with pain
# before and after each session, doses that step up, a side left
# partial and an exercise skipped.  For the tests and the README's
# picture (tests/report-png.sh):
#
#   tests/month-log.sh [SESSIONS_A_WEEK [PAIN]] | lr-log -q -f log.tsv
#
# SESSIONS_A_WEEK: 2 to 5 (default 4); PAIN: the first week's pain
# before a session (default 5), which falls a point every other week.
set -eu

per_week=${1:-4}
pain=${2:-5}

awk -v per="$per_week" -v pain="$pain" 'BEGIN {
	OFS = "\t"
	print "started", "session", "record", "step", "id", "side", "sets",
	    "reps", "hold_s", "active_s", "status", "pain", "note"
	days[2] = "1 4"; days[3] = "0 2 4"; days[4] = "0 2 4 6"
	days[5] = "0 1 3 4 6"
	n = split(days[per], d, " ")
	for (w = 0; w < 4; w++)
		for (k = 1; k <= n; k++)
			session(w, d[k] + 0, w * 10 + k)
}

function date(day,    t) {
	# Days from Monday 2 November 2026; the month has 30 days.
	t = 2 + day
	return t <= 30 ? sprintf("2026-11-%02d", t) : sprintf("2026-12-%02d", t - 30)
}

function row(when, s, rec, step, id, side, sets, reps, hold, act, st, p, note) {
	print when "+01:00", s, rec, step, id, side, sets, reps, hold, act, st, p, note
}

# One exercise on both sides or one: sets x reps (0: a hold) of hold s.
function ex(when, s, step, id, sides, sets, reps, hold, st,    tot, act, l) {
	if (st == "skipped")
		sets = reps = hold = 0
	tot = reps > 0 ? sets * reps * hold : sets * hold
	act = reps > 0 ? sets * reps * (3 + hold) : sets * hold
	if (sides == 1) {
		row(when, s, "exercise", step, id, "both", sets, sets * reps, tot, act, st, "", "")
		return
	}
	l = st == "skipped" ? st : "done"
	row(when, s, "exercise", step, id, "left", sets, sets * reps, tot, act, l, "", "")
	if (st == "partial")
		row(when, s, "exercise", step, id, "right", sets - 1, (sets - 1) * reps,
		    int(tot / 2), int(act / 2), "partial", "", "")
	else
		row(when, s, "exercise", step, id, "right", sets, sets * reps, tot, act, st, "", "")
}

function session(w, dow, id,    day, s, t, b) {
	day = date(7 * w + dow)
	s = sprintf("%sT1800-%02d", day, id)
	gsub(/-/, "", s)
	t = day "T18:"
	b = pain - int(w / 2)
	row(t "00:00", s, "pain", 0, "", "", 0, 0, 0, 0, "before", b, "")
	# The stretches hold longer from the third week.
	ex(t "01:00", s, 1, "knee-to-chest", 2, 1, 0, w < 2 ? 20 : 30, "done")
	ex(t "03:00", s, 2, "cobra", 1, 3, 0, w < 2 ? 15 : 20, "done")
	# The bridge goes to two sets in the second week.
	ex(t "05:00", s, 3, "glute-bridge", 1, w < 1 ? 1 : 2, 10, 3, "done")
	ex(t "08:00", s, 4, "bird-dog", 2, 1, 10, 3,
	    w == 1 && dow == 2 ? "partial" : "done")
	ex(t "11:00", s, 5, "supine-twist", 2, 1, 0, 20,
	    w == 2 && dow == 0 ? "skipped" : "done")
	# Better after a session, but for a flare on the second Wednesday.
	row(t "14:00", s, "pain", 0, "", "", 0, 0, 0, 0, "after",
	    w == 1 && dow == 2 ? b + 2 : b - 1, "")
}'
