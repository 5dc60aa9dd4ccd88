#!/usr/bin/env bats
# Made-to-measure plans dose each exercise within the figures of an
# article of their condition. The figures are a second reading of the
# seed articles, made apart from share/doses.tsv:
#   tests/data/article-figures.tsv  the most each article gives, per exercise
#   tests/data/article-named.tsv    exercises an article names with no figure
# A grid of plans (conditions x minutes x positions x equipment x seeds)
# is made once for the file and checked by the tests below. Its
# conditions include two pairs: a plan for several conditions takes the
# lowest of each figure of their articles (lr-plan(1)), so every figure
# is checked against every article of every condition of the plan.

load helper

setup() {
	lr_setup
}

FIGURES="$BATS_TEST_DIRNAME/data/article-figures.tsv"
NAMED="$BATS_TEST_DIRNAME/data/article-named.tsv"

# The articles written for each condition, by the number their file
# name starts with (lr-plan(1), "Each dose is an article's").
ARTICLES='leg-pain=000,001,002,003 sciatica=002 low-back-pain=002,003 knee-pain=004'

# The grid: 6 condition lists x 9 budgets x 4 position sets x 3
# equipment sets x 3 seeds, 1944 plans; under valgrind (LR_SLOW), where
# each plan takes a second, 2 budgets, 2 equipment sets and 1 seed, 96
# plans; on the sanitized build (LR_SANITIZED), which looks for memory
# faults while the normal build checks every figure, 1 seed, 648 plans.
GRID_CONDITIONS="leg-pain sciatica knee-pain low-back-pain leg-pain,knee-pain sciatica,low-back-pain"
GRID_EQUIPMENT=('' '-e none' '-e chair,wall,foam-roller')
if [ -n "${LR_SLOW:-}" ]; then
	GRID_MINUTES="10 30"
	GRID_SEEDS=1
	GRID_EQUIPMENT=('' '-e chair,wall,foam-roller')
else
	GRID_MINUTES="5 10 15 20 25 30 35 40 45"
	GRID_SEEDS="1 2 3"
	[ -z "${LR_SANITIZED:-}" ] || GRID_SEEDS=1
fi
GRID_PLANS=$(($(wc -w <<<"$GRID_CONDITIONS") * $(wc -w <<<"$GRID_MINUTES") * 4 * ${#GRID_EQUIPMENT[@]} * $(wc -w <<<"$GRID_SEEDS")))

# Make the grid: every plan's rows, header included, each prefixed with
# the plan's number, its condition and its arguments, in grid.tsv; one
# line per plan with its exit status and first word on stderr in
# status.tsv.
setup_file() {
	export HOME="$BATS_FILE_TMPDIR/home"
	mkdir -p "$HOME"
	unset LR_CATALOG LR_ROUTINES LR_DOSES LR_LOG XDG_DATA_HOME NO_COLOR
	cd "$BATS_FILE_TMPDIR" || return 1
	local n=0 c m p e s rc args
	local -a opt
	: > grid.tsv
	: > status.tsv
	for c in $GRID_CONDITIONS; do
		for m in $GRID_MINUTES; do
			for p in '' '-p supine,prone,side-lying' '-p sitting,standing' '-p standing'; do
				for e in "${GRID_EQUIPMENT[@]}"; do
					for s in $GRID_SEEDS; do
						n=$((n + 1))
						read -r -a opt <<< "-c $c -m $m $p $e --seed $s"
						args="${opt[*]}"
						rc=0
						lr-plan --no-log "${opt[@]}" > plan.tsv 2> err.txt || rc=$?
						printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$c" "$args" "$rc" "$(head -n 1 err.txt)" >> status.tsv
						awk -v pre="$n	$c	$args" '{ print pre "\t" $0 }' plan.tsv >> grid.tsv
					done
				done
			done
		done
	done
}

@test "the grid: lr-plan writes most plans, and fails only for nothing to plan or too little time" {
	run awk -F'\t' -v plans="$GRID_PLANS" '
		$4 == 0 { ok++; next }
		$4 == 1 && ($5 ~ /nothing to plan/ || $5 ~ /is too short/) { empty++; next }
		{ bad++; print "unexpected: lr-plan --no-log " $3 ": exit " $4 ": " $5 }
		END {
			printf "%d plans: %d written, %d with nothing to plan or too little time\n", NR, ok, empty
			if (NR != plans) { print "expected " plans " plans"; exit 1 }
			if (ok < NR * 3 / 4) { print "fewer than three plans in four written"; exit 1 }
			exit bad > 0
		}' "$BATS_FILE_TMPDIR/status.tsv"
	assert_success
}

@test "the grid: every figure is within the figures of every article of the plan's conditions" {
	run awk -F'\t' -v articles="$ARTICLES" -v plans="$GRID_PLANS" '
		BEGIN {
			n = split(articles, pairs, " ")
			for (i = 1; i <= n; i++) { split(pairs[i], kv, "="); arts[kv[1]] = kv[2] }
		}
		FILENAME == ARGV[1] && FNR == 1 { for (i = 1; i <= NF; i++) f[$i] = i; next }
		FILENAME == ARGV[1] {
			k = substr($f["article"], 1, 3) SUBSEP $f["id"]
			known[$f["id"]] = 1
			smax[k] = $f["sets_max"]; rmax[k] = $f["reps_max"]
			hmax[k] = $f["hold_s_max"]; bmax[k] = $f["breaths_max"]
			next
		}
		FILENAME == ARGV[2] && FNR == 1 { for (i = 1; i <= NF; i++) g[$i] = i; next }
		FILENAME == ARGV[2] { named[substr($g["article"], 1, 3), $g["id"]] = 1; next }
		# The grid: a plan header names the columns for the rows after it.
		$4 == "step" { delete c; for (i = 4; i <= NF; i++) c[$i] = i; next }
		$c["kind"] == "warmup" { warmups++; next }
		{
			id = $c["id"]; sets = $c["sets"]; reps = $c["reps"]
			hold = $c["hold_s"]; br = $c["breaths"]
			if (!(id in known)) { unknown[id] = 1; nunknown++; next }
			# The articles of every condition of the plan, once each.
			delete A; na = 0; delete seen
			nc = split($2, C, ",")
			for (j = 1; j <= nc; j++) {
				m = split(arts[C[j]], CA, ",")
				for (i = 1; i <= m; i++) if (!(CA[i] in seen)) { seen[CA[i]] = 1; A[++na] = CA[i] }
			}
			listed = 0; isnamed = 0; beyond = ""
			for (i = 1; i <= na; i++) {
				k = A[i] SUBSEP id
				if (k in smax) {
					listed = 1
					if (sets + 0 > smax[k] || reps + 0 > rmax[k] || hold + 0 > hmax[k] || br + 0 > bmax[k])
						beyond = beyond sprintf(" %s: sets %d reps %d hold_s %d breaths %d;", A[i], smax[k], rmax[k], hmax[k], bmax[k])
				} else if (k in named)
					isnamed = 1
			}
			if (!listed && isnamed) { notchecked[$2 " " id] = 1; nnotchecked++; next }
			checked++
			if ($2 ~ /,/) multi++
			if (!listed || beyond != "") {
				bad++
				printf "beyond: %s [%s] %s: sets %d reps %d hold_s %d breaths %d; articles:%s\n", $2, $3, id, sets, reps, hold, br,
				    listed ? beyond : " none of these conditions gives it a figure or names it"
			}
		}
		END {
			printf "%d rows checked (%d of plans for two conditions), %d beyond; %d warm-up rows, %d rows of ids the table does not know, %d rows not checked (named with no figure)\n",
			    checked, multi, bad, warmups, nunknown, nnotchecked
			for (x in unknown) print "not in the table: " x
			for (x in notchecked) print "not checked, named with no figure: " x
			if (checked < 2 * plans || multi < plans / 2) { print "too few rows checked"; exit 1 }
			exit bad > 0
		}' "$FIGURES" "$NAMED" "$BATS_FILE_TMPDIR/grid.tsv"
	assert_success
}

@test "the grid: a plan holds one form of calf raise, and a knee plan stretches first when it stretches at all" {
	run awk -F'\t' -v total="$GRID_PLANS" '
		$4 == "step" { delete c; for (i = 4; i <= NF; i++) c[$i] = i; next }
		# The two forms are alternatives in the knee article only, but
		# never both in any plan, whichever article doses them.
		$c["id"] == "calf-raise" { anyfloor[$1] = 1; any[$1] = $3 }
		$c["id"] == "step-calf-raise" { anystep[$1] = 1; any[$1] = $3 }
		# Stretches first: plans for knee pain alone (with leg pain
		# too, mobility exercises are of the stretching part).
		$2 != "knee-pain" { next }
		{
			n = $1; args[n] = $3; plans[n] = 1
			kind = $c["kind"]; id = $c["id"]
			if (kind == "stretch") stretches[n] = 1
			if (kind != "warmup" && !(n in first)) first[n] = kind " " id
		}
		END {
			for (n in any) {
				ncalf++
				if ((n in anyfloor) && (n in anystep)) { bad++; print "both calf raises: [" any[n] "]" }
			}
			for (n in plans) {
				np++
				if (n in stretches) {
					ns++
					if (first[n] !~ /^stretch /) { bad++; print "stretches, but first after the warm-up is " first[n] ": [" args[n] "]" }
				}
			}
			printf "%d plans with a calf raise; %d knee plans, %d with a stretch; %d wrong\n", ncalf, np, ns, bad
			if (ncalf < total / 16 || np < total / 8 || ns < total / 16) { print "too few plans to judge"; exit 1 }
			exit bad > 0
		}' "$BATS_FILE_TMPDIR/grid.tsv"
	assert_success
}

@test "the grid: an exercise only another condition's articles give is never planned" {
	# For each condition, the ids with figures in the table whose articles
	# all belong to other conditions, and which no article of this one
	# names either. Warm-ups count here too.
	run awk -F'\t' -v articles="$ARTICLES" -v plans="$GRID_PLANS" '
		BEGIN {
			n = split(articles, pairs, " ")
			for (i = 1; i <= n; i++) {
				split(pairs[i], kv, "=")
				na = split(kv[2], A, ",")
				for (j = 1; j <= na; j++) of[kv[1], A[j]] = 1
				conds[kv[1]] = 1
			}
		}
		FILENAME == ARGV[1] && FNR == 1 { for (i = 1; i <= NF; i++) f[$i] = i; next }
		FILENAME == ARGV[1] { ids[$f["id"]] = 1; has[substr($f["article"], 1, 3), $f["id"]] = 1; next }
		FILENAME == ARGV[2] && FNR == 1 { for (i = 1; i <= NF; i++) g[$i] = i; next }
		FILENAME == ARGV[2] { has[substr($g["article"], 1, 3), $g["id"]] = 1; next }
		FNR == 1 {
			for (cd in conds) for (id in ids) {
				mine = 0
				for (k in of) { split(k, p, SUBSEP); if (p[1] == cd && ((p[2], id) in has)) mine = 1 }
				if (!mine) { foreign[cd, id] = 1; nforeign++ }
			}
		}
		$4 == "step" { delete c; for (i = 4; i <= NF; i++) c[$i] = i; next }
		{
			# Barred when every condition of the plan bars it.
			rows++; nc = split($2, C, ","); barred = 1
			for (j = 1; j <= nc; j++) if (!((C[j], $c["id"]) in foreign)) barred = 0
			if (barred) { bad++; print "only in another condition'\''s article: " $2 " [" $3 "] " $c["id"] }
		}
		END {
			printf "%d (condition, exercise) pairs barred, %d plan rows, %d barred rows planned\n", nforeign, rows, bad
			if (nforeign < 4 || rows < 2 * plans) { print "too little to judge"; exit 1 }
			exit bad > 0
		}' "$FIGURES" "$NAMED" "$BATS_FILE_TMPDIR/grid.tsv"
	assert_success
}
