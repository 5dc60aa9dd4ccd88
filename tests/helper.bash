# Shared setup for the lr test suite.
bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

REPO="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"
LR_BIN="${LR_BIN:-$REPO/bin}"
PATH="$LR_BIN:$PATH"
# shellcheck disable=SC2034 # used by the test files that load this one
CATALOG="$REPO/share/catalog.tsv"
# shellcheck disable=SC2034
ROUTINES="$REPO/share/routines.tsv"
export PATH

# Every test starts with a private home and no lr settings, so nothing
# on the machine running the tests can change what a test sees.
lr_setup() {
	export HOME="$BATS_TEST_TMPDIR/home"
	mkdir -p "$HOME"
	unset LR_CATALOG LR_ROUTINES LR_DOSES LR_LOG XDG_DATA_HOME XDG_STATE_HOME NO_COLOR
	cd "$BATS_TEST_TMPDIR" || return 1
}

# A one-exercise catalog built from the real one: the header and the
# row of the given id.
one_row_catalog() {
	awk -F'\t' -v id="$1" 'NR == 1 || $1 == id' "$CATALOG"
}

# The number of the column named $1 in the real catalog.
catalog_colno() {
	head -n 1 "$CATALOG" | tr '\t' '\n' | grep -nx "$1" | cut -d: -f1
}

# The estimated seconds of a plan on stdin, worked out here from the
# formula of lr-formats(5), independently of lr-plan's own code.
plan_seconds() {
	awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{
			reps = $c["reps"]; hold = $c["hold_s"]; sides = $c["sides"]
			sets = $c["sets"]
			work = reps > 0 ? reps * ($c["rep_s"] + hold) : hold
			t += 10 + sets * (work * sides + (sides > 1 ? 5 : 0)) + (sets - 1) * $c["rest_s"]
		}
		END { print t + 0 }'
}

# Column $1 of the TSV on stdin, header dropped.
column_of() {
	awk -F'\t' -v name="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next } { print $c }'
}

# The columns of results rows (lr-formats(5)), as a header line.
# shellcheck disable=SC2034 # used by the test files that load this one
RESULTS_HEADER=$(printf 'started\tsession\trecord\tstep\tid\tside\tsets\treps\thold_s\tactive_s\tstatus\tpain\tnote')

# $2 results rows of a made-up session $1, on stdout, header first.
results() {
	printf '%s\n' "$RESULTS_HEADER"
	awk -v s="$1" -v n="$2" 'BEGIN {
		for (i = 0; i < n; i++)
			printf "2026-11-%02dT%02d:%02d:00+01:00\t%s\texercise\t%d\tcobra\tboth\t3\t0\t45\t45\tdone\t\t\n",
			    1 + i % 28, 8 + i % 12, i % 60, s, 1 + i % 999
	}'
}

# The rows of the log at $LR_LOG, its header left out.
log_rows() {
	sed 1d "$LR_LOG" | wc -l
}
