#!/usr/bin/env bats
# The whole chain as a person would use it over a month (October 2026,
# Berlin time, across the end of summer time): plans from each routine
# and made to measure, the timer, manual records and pain check-ins on
# chosen days, and lr-report for each week, checked against what was
# done.  The clock is set with faketime; the timer runs fast.

load helper

setup_file() {
	command -v faketime >/dev/null || skip "faketime is not installed"
}

setup() {
	command -v faketime >/dev/null || skip "faketime is not installed"
	lr_setup
	export LR_LOG="$BATS_TEST_TMPDIR/home/.local/share/lr/log.tsv"
	export TZ=Europe/Berlin
	N=0
}

# A session on day $1 at time $2 of the plan the rest of the arguments
# make; its results are kept in res-N.tsv and logged.
session() {
	local when="$1 $2"
	shift 2
	N=$((N + 1))
	"$@" > "plan-$N.tsv"
	if ! at "$when" lr-timer --batch --speed 2000 "plan-$N.tsv" > "res-$N.tsv" 2> "err-$N.txt"; then
		echo "lr-timer failed at $when; its stderr:"
		cat "err-$N.txt"
		return 1
	fi
	lr-log -q "res-$N.tsv"
}

# Run a command at a moment of the simulated month.  faketime works by
# LD_PRELOAD, which AddressSanitizer must be told to allow.
at() {
	local when=$1
	shift
	FAKETIME_DONT_FAKE_MONOTONIC=1 DONT_FAKE_MONOTONIC=1 \
	    ASAN_OPTIONS=verify_asan_link_order=0 faketime -f "@$when" "$@"
}

# What the results files say was done, week by week: sessions, days,
# active seconds, and exercises (not sides) done, partial, skipped,
# each once in its session's week: done when every side is, partial
# when a side had some work, else skipped; plus what the manual
# records added, as "WEEK SESSIONS DAYS SECONDS DONE" lines on stdin.
expected() {
	local f w manual
	manual=$(cat)
	for f in res-*.tsv; do
		awk -F'\t' 'NR > 1 && $3 == "exercise" { print $1 "\t" $2 "\t" $10 "\t" $11 "\t" $5 "\t" $6 }' "$f" |
		while IFS=$'\t' read -r started s active status id side; do
			w=$(date -d "${started:0:10}" +%G-W%V)
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$w" "${started:0:10}" "$s" "$active" "$status" "$id" "$side"
		done
	done | awk -F'\t' -v OFS='\t' -v manual="$manual" '
		BEGIN {
			n = split(manual, m, "\n")
			for (i = 1; i <= n; i++) {
				split(m[i], f, " ")
				extra[f[1]] = f[2] " " f[3] " " f[4] " " f[5]
			}
		}
		{
			w[$1] = 1
			if (!($3 in sw)) sw[$3] = $1
			k = $3 SUBSEP $6
			if (!(k in exw)) exw[k] = sw[$3]
			v = $5 == "done" ? 3 : $5 == "partial" ? 2 : 1
			if (v > best[k, $7]) best[k, $7] = v
			if ($5 == "skipped") next
			if (!(($1, $3) in ses)) { ses[$1, $3] = 1; sessions[$1]++ }
			if (!(($1, $2) in day)) { day[$1, $2] = 1; days[$1]++ }
			secs[$1] += $4
		}
		END {
			for (ks in best) {
				split(ks, p, SUBSEP)
				k = p[1] SUBSEP p[2]
				if (best[ks] != 3) notall[k] = 1
				if (best[ks] >= 2) work[k] = 1
			}
			for (k in exw)
				n_[exw[k], !(k in notall) ? "done" : (k in work) ? "partial" : "skipped"]++
			for (k in w) {
				split(extra[k], e, " ")
				printf "%s\t%d\t%d\t%.1f\t%d\t%d\t%d\n", k,
				    sessions[k] + e[1], days[k] + e[2],
				    (secs[k] + e[3]) / 60, n_[k, "done"] + e[4],
				    n_[k, "partial"], n_[k, "skipped"]
			}
		}' | sort
}

@test "a month of sessions, records and check-ins gives the right weekly report" {
	# Week 41.
	lr-log -q pain 5 --date 2026-10-05T08:00
	session 2026-10-05 18:00:00 lr-plan -R sciatica
	session 2026-10-07 18:00:00 lr-plan -R knee-pain
	lr-log -q pain 4 --date 2026-10-08T08:00
	session 2026-10-09 18:00:00 lr-plan -c low-back-pain -m 15 --seed 3
	# Bird dog away from the timer: two sides of 10 reps at 3 + 3 s,
	# one exercise done.
	lr-log -q add bird-dog --date 2026-10-10
	# Week 42: every other routine.
	session 2026-10-12 18:00:00 lr-plan -R leg-pain
	lr-log -q pain 4 --date 2026-10-13T08:00
	session 2026-10-13 18:00:00 lr-plan -R stretch-strengthen
	session 2026-10-15 18:00:00 lr-plan -R leg-stretch
	session 2026-10-17 11:00:00 lr-plan -R sciatica
	lr-log -q pain 3 --date 2026-10-17T08:00
	# Week 43: late on Saturday in summer time, then Sunday morning in
	# winter time.
	session 2026-10-20 18:00:00 lr-plan -R knee-pain
	session 2026-10-24 23:30:00 lr-plan -R sciatica
	lr-log -q pain 3 --date 2026-10-25T09:00
	session 2026-10-25 10:00:00 lr-plan -c sciatica -m 10 --seed 5
	# Week 44: a session cut short by a signal is logged as it was.
	N=$((N + 1))
	lr-plan -R knee-pain > "plan-$N.tsv"
	FAKETIME_DONT_FAKE_MONOTONIC=1 DONT_FAKE_MONOTONIC=1 \
	    ASAN_OPTIONS=verify_asan_link_order=0 \
	    faketime -f "@2026-10-26 18:00:00" \
	    lr-timer --batch --speed 50 "plan-$N.tsv" > "res-$N.tsv" 2>/dev/null &
	pid=$!
	for _ in $(seq 300); do
		[ "$(wc -l < "res-$N.tsv")" -ge 4 ] && break
		sleep 0.1
	done
	# faketime runs the timer as its child: signal the timer itself.
	pkill -TERM -P "$pid" || kill -TERM "$pid"
	wait "$pid" || true
	cut_short="res-$N.tsv"
	lr-log -q "$cut_short"
	session 2026-10-28 18:00:00 lr-plan -R sciatica
	lr-log -q pain 2 --date 2026-10-30T08:00
	# Logging the same results again adds nothing.
	run lr-log res-1.tsv
	assert_output --partial 'nothing added'

	run lr-log --check
	assert_success

	# The timer's results are what lr-report counts.
	expected > want.tsv <<-'MANUAL'
	2026-W41 1 1 120 1
	MANUAL
	lr-report --today 2026-11-01 -w 4 -F tsv | sed 1d | cut -f 1,3-8 > got.tsv
	diff want.tsv got.tsv
	grep -q '	skipped		$' "$cut_short"
	[ "$(cut -f 2 got.tsv | tr '\n' ' ')" = "4 4 3 2 " ]

	# The pain check-ins, week by week.
	run lr-report --today 2026-11-01 -w 4 -F tsv
	[ "$(printf '%s\n' "$output" | sed 1d | cut -f 14 | tr '\n' ' ')" = "4.5 3.5 3.0 2.0 " ]

	# Each week on its own says the same as the month.
	for w in 2026-W41 2026-W42 2026-W43 2026-W44; do
		lr-report --week "$w" -F tsv | sed 1d | cut -f 1,3-8 > one.tsv
		grep -qxF "$(cat one.tsv)" got.tsv
	done

	# The text report for the month: no pain rose, W44 under target.
	run lr-report --today 2026-11-01 -w 4
	assert_success
	assert_line --regexp '^total +13 +13 '
	assert_output --partial 'Fewer sessions than the target of 4 a week'
	refute_output --partial 'Pain is rising'
}

@test "pain before and after a session, asked on the terminal, reach the report" {
	command -v tmux >/dev/null || skip "tmux is not installed"
	lr-plan -R sciatica > plan.tsv
	SOCK="$BATS_TEST_TMPDIR/tmux.sock"
	tmux -S "$SOCK" -f /dev/null new-session -d -x 80 -y 24 \
	    "cd '$BATS_TEST_TMPDIR' && FAKETIME_DONT_FAKE_MONOTONIC=1 DONT_FAKE_MONOTONIC=1 ASAN_OPTIONS=verify_asan_link_order=0 faketime -f '@2026-10-28 18:00:00' lr-timer --batch --no-screen --pain --speed 2000 plan.tsv > res.tsv 2>/dev/null; lr-log -q res.tsv; echo \$? > status; sleep 60"
	for _ in $(seq 100); do
		tmux -S "$SOCK" capture-pane -p | grep -q 'Pain before' && break
		sleep 0.1
	done
	tmux -S "$SOCK" send-keys 6 Enter
	for _ in $(seq 100); do
		tmux -S "$SOCK" capture-pane -p | grep -q 'Press Enter to start' && break
		sleep 0.1
	done
	tmux -S "$SOCK" send-keys Enter
	for _ in $(seq 100); do
		tmux -S "$SOCK" capture-pane -p | grep -q 'Pain after' && break
		sleep 0.1
	done
	tmux -S "$SOCK" send-keys 3 Enter
	for _ in $(seq 100); do [ -s status ] && break; sleep 0.1; done
	tmux -S "$SOCK" kill-server
	[ "$(cat status)" -eq 0 ]
	lr-log -q pain 5 --date 2026-10-29T08:00
	# The sciatica routine: 8 exercises, though 13 side rows.
	LC_ALL=C run lr-report --week 2026-W44 -F md
	assert_line --regexp '^\| 2026-W44 \| 2026-10-26 \| 1 \| 1 \| [0-9]+ \| 8 \| 0 \| 0 \| 100% \| 25% \| 6\.0 -> 3\.0 \| 5\.0 \| 4\.7 \|'
	# Pain raised? No: it went down.  Still 5 the next day, though,
	# higher than before?  No: 5 is below 6.  Nothing to warn of.
	refute_output --partial 'Pain rose'
}
