#!/usr/bin/env bats
# lr-list: the catalog, its filters, cards and routines.

load helper

setup() {
	lr_setup
}


@test "the whole catalog: at least 35 exercises, every seed, every row sourced" {
	run lr-list
	assert_success
	[ "$(printf '%s\n' "$output" | sed 1d | wc -l)" -ge 35 ]
	for seed in 000_bd524d16304c268a.txt 001_e49d686f2dc4862f.txt \
	    002_ae89acf58824fd98.txt 003_acef5f8e58d66f5d.txt \
	    004_af18e76644b40d20.txt; do
		printf '%s\n' "$output" | column_of source | grep -q "$seed"
	done
	[ "$(printf '%s\n' "$output" | column_of source | grep -cx '')" -eq 0 ]
	[ -f "$BATS_TEST_DIRNAME/../../shared/seeds/README.md" ] || return 0
	for f in $(printf '%s\n' "$output" | column_of source | tr ',' '\n' | sort -u); do
		[ -f "$BATS_TEST_DIRNAME/../../shared/seeds/$f" ]
	done
}

@test "the output is the catalog itself, byte for byte" {
	run lr-list
	assert_success
	assert_output "$(cat "$CATALOG")"
}

@test "-c sciatica keeps only sciatica exercises, and some of them" {
	run lr-list -c sciatica
	assert_success
	n=$(printf '%s\n' "$output" | sed 1d | wc -l)
	[ "$n" -ge 5 ]
	[ "$n" -lt "$(sed 1d "$CATALOG" | wc -l)" ]
	[ -z "$(printf '%s\n' "$output" | column_of conditions | grep -v sciatica)" ]
}

@test "-c leaves out what the condition must avoid" {
	run lr-list -c knee-pain,leg-pain
	assert_success
	refute_line --regexp '^forward-lunge	'
	refute_line --regexp '^squat	'
	run lr-list -c leg-pain
	assert_line --regexp '^forward-lunge	'
	[ -z "$(lr-list -c knee-pain | column_of avoid | grep knee-pain)" ]
}

@test "-c is repeatable and means any of" {
	a=$(lr-list -c sciatica -c knee-pain | wc -l)
	b=$(lr-list -c sciatica,knee-pain | wc -l)
	s=$(lr-list -c sciatica | wc -l)
	[ "$a" -eq "$b" ]
	[ "$a" -gt "$s" ]
}

@test "-p standing,sitting -e none: nothing on the floor, nothing to hold" {
	run lr-list -p standing,sitting -e none
	assert_success
	[ "$(printf '%s\n' "$output" | sed 1d | wc -l)" -ge 3 ]
	printf '%s\n' "$output" | column_of position | while read -r p; do
		[[ ",$p," == *,standing,* || ",$p," == *,sitting,* ]]
	done
	[ "$(printf '%s\n' "$output" | column_of equipment | sort -u)" = none ]
}

@test "-e takes either of a|b: a chair is enough for the quad stretch" {
	run lr-list -e chair standing-quad-stretch
	assert_success
	assert_line --regexp '^standing-quad-stretch	'
	run lr-list -e none standing-quad-stretch
	assert_success
	refute_line --regexp '^standing-quad-stretch	'
	run lr-list -e wall -k stretch
	assert_line --regexp '^calf-stretch	'
	refute_line --regexp '^seated-knee-extension	'
}

@test "-k, -r and -l filter by kind, region and level" {
	[ "$(lr-list -k warmup | column_of kind | sort -u)" = warmup ]
	lr-list -r calves | column_of regions | grep -q calves
	[ -z "$(lr-list -r calves | column_of regions | grep -v calves)" ]
	[ "$(lr-list -l 1 | column_of level | sort -u)" = 1 ]
	lr-list -l 3 | column_of level | grep -qx 3
}

@test "IDs print those exercises in the order given" {
	run lr-list cobra cat-cow
	assert_success
	[ "$(printf '%s\n' "$output" | column_of id | tr '\n' ' ')" = "cobra cat-cow " ]
}

@test "an unknown id is an error listing the ids, with nothing printed" {
	run lr-list cobra no-such-thing
	assert_failure 1
	assert_output --partial 'no exercise "no-such-thing"; the ids are: '
	assert_output --partial 'cobra'
	refute_output --partial 'id	name'
}

@test "-s prints a card for people" {
	run lr-list -s seated-knee-extension
	assert_success
	assert_line --index 0 'Seated knee extension (seated-knee-extension)'
	assert_output --partial 'How to do it:'
	assert_line --regexp '^ +1\. '
	assert_line --regexp '^Dose: +the leg pain article \(000\): 1 set of 10-15 reps, holding 1 s$'
	assert_line --regexp '^ +at the top, each side\.$'
	assert_line --regexp '^Equipment: +chair$'
	assert_output --partial 'Caution:'
	assert_output --partial '000_bd524d16304c268a.txt'
	# Every card says whom to ask first.
	assert_line 'Check with your doctor or physiotherapist before you start, above all if'
	# Fits a terminal of 80 columns.
	[ -z "$(printf '%s\n' "$output" | awk 'length > 80')" ]
}

@test "-s gives each article's dose, and marks lr's own reading" {
	run lr-list -s figure-four-stretch
	assert_success
	assert_line --regexp '^Dose: +the stretch-and-strengthen article \(001\): 1 set, 10 s \(up to'
	assert_line --regexp '^ +the sciatica article \(002\): 1 set, 20 s \(up to 30 s\), each$'
	assert_line --regexp '^ +the knee pain article \(004\): 1 set, 1 min 30 s \(up to 5 min\),$'
	run lr-list -s cat-cow
	assert_line --regexp "^Dose: +the sciatica article \(002\), lr's reading: 1 set of 5 reps\.$"
	# An exercise of the person's own: the catalog's figures.
	awk -F'\t' -v OFS='\t' 'NR == 1 || $1 == "plank" { if (NR > 1) $1 = "my-plank"; print }' "$CATALOG" > mine.tsv
	run lr-list --catalog mine.tsv -s my-plank
	assert_success
	assert_line --regexp '^Dose: +2-3 sets, 15 s \(up to 30 s\); rest 30 s between sets\.$'
	# A broken doses table is an error, named.
	printf 'id\tarticle\n' > doses.tsv
	LR_DOSES=doses.tsv run lr-list -s plank
	assert_failure 1
	assert_output --partial 'doses.tsv:1: missing required column'
}

@test "-s with an unknown id lists the ids" {
	run lr-list -s nope
	assert_failure 1
	assert_output --partial 'no exercise "nope"'
	assert_output --partial 'calf-raise'
}

@test "--routines lists the five routines of the seeds" {
	run lr-list --routines
	assert_success
	assert_line --index 0 'routine	title	steps	source'
	for r in leg-pain stretch-strengthen sciatica leg-stretch knee-pain; do
		assert_line --regexp "^$r	"
	done
	[ "${#lines[@]}" -eq 6 ]
}

@test "every routine step names an exercise of the catalog" {
	ids=$(lr-list | column_of id)
	awk -F'\t' 'NR > 1 { print $4 }' "$ROUTINES" | while read -r id; do
		grep -qx "$id" <<<"$ids"
	done
}

@test "the catalog comes from a pipe when stdin is one" {
	run bash -c 'lr-list -c knee-pain | lr-list -k stretch'
	assert_success
	[ "$(printf '%s\n' "$output" | column_of kind | sort -u)" = stretch ]
	printf '%s\n' "$output" | column_of conditions | grep -q knee-pain
}

@test "LR_CATALOG replaces the installed catalog" {
	one_row_catalog cobra > mine.tsv
	LR_CATALOG=mine.tsv run lr-list
	assert_success
	assert_output "$(cat mine.tsv)"
	LR_CATALOG=missing.tsv run lr-list
	assert_failure 1
	assert_output 'lr-list: missing.tsv: No such file or directory'
}

@test "--catalog - reads standard input" {
	run bash -c "one_row_catalog() { awk -F'\t' -v id=\"\$1\" 'NR == 1 || \$1 == id' '$CATALOG'; }; one_row_catalog bird-dog | lr-list --catalog -"
	assert_success
	assert_line --regexp '^bird-dog	'
}

@test "unknown filter words are usage errors that list the valid ones" {
	run lr-list -c toothache
	assert_failure 2
	assert_output 'lr-list: unknown condition "toothache"; choose from: leg-pain, sciatica, knee-pain, low-back-pain (lr-list --help lists the options)'
	run lr-list -k yoga
	assert_failure 2
	assert_output --partial 'unknown kind "yoga"; choose from: warmup, stretch'
	run lr-list -p upside-down
	assert_failure 2
	assert_output --partial 'unknown position "upside-down"'
	run lr-list -e trampoline
	assert_failure 2
	assert_output --partial 'unknown equipment "trampoline"'
	run lr-list -r elbow
	assert_failure 2
	assert_output --partial 'unknown region "elbow"'
	run lr-list -c sciatica,
	assert_failure 2
	run lr-list -l 4
	assert_failure 2
	assert_output --partial '--level: expected 1-3, got "4"'
}

@test "usage errors exit 2 and point to --help" {
	run lr-list --no-such-option
	assert_failure 2
	assert_output "lr-list: unknown option --no-such-option (lr-list --help lists the options)"
	# One line, not getopt's and ours.
	run lr-list -l
	assert_failure 2
	assert_output "lr-list: option -l needs a value (lr-list --help lists the options)"
	run lr-list -s cobra cat-cow
	assert_failure 2
	run lr-list --routines cobra
	assert_failure 2
}

@test "--help describes every option and --version names the program" {
	run lr-list --help
	assert_success
	for opt in --condition --kind --region --position --equipment --level --catalog --show --routines --help --version; do
		assert_output --partial -- "$opt"
	done
	run lr-list -V
	assert_success
	assert_output --regexp '^lr-list \(lr\) [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "a duplicated id in a catalog is an error" {
	{ one_row_catalog cobra; one_row_catalog cobra | sed 1d; } > dup.tsv
	run lr-list --catalog dup.tsv
	assert_failure 1
	assert_line 'lr-list: dup.tsv:3: column "id": id "cobra" is already used by an earlier row'
}

@test "a bad word in a catalog row names the column and the valid words" {
	col=$(catalog_colno kind)
	one_row_catalog cobra | awk -F'\t' -v OFS='\t' -v c="$col" 'NR == 2 { $c = "yoga" } 1' > kind.tsv
	run lr-list --catalog kind.tsv
	assert_failure 1
	assert_line 'lr-list: kind.tsv:2: column "kind": expected one of warmup, stretch, strength, mobility, release; got "yoga"'
	col=$(catalog_colno equipment)
	one_row_catalog cobra | awk -F'\t' -v OFS='\t' -v c="$col" 'NR == 2 { $c = "chair,,wall" } 1' > eq.tsv
	run lr-list --catalog eq.tsv
	assert_failure 1
	assert_line --partial 'eq.tsv:2: column "equipment": expected none, or a comma list'
}

@test "a range whose top is below its bottom is refused" {
	col=$(catalog_colno reps_max)
	one_row_catalog bird-dog | awk -F'\t' -v OFS='\t' -v c="$col" 'NR == 2 { $c = "2" } 1' > range.tsv
	run lr-list --catalog range.tsv
	assert_failure 1
	assert_line 'lr-list: range.tsv:2: column "reps_max": expected 10-100, got "2"'
}

@test "a write error is reported, not hidden" {
	[ -w /dev/full ] || skip "no /dev/full here"
	run bash -c 'lr-list > /dev/full'
	assert_failure 1
	assert_output --partial 'lr-list: write error'
}

# Issue 16: a CI runner, ssh or cron gives an empty pipe or /dev/null;
# that is no catalog, and the installed one is read as at a terminal.
@test "an empty standard input is no catalog: the installed one is read" {
	expected=$(lr-list --catalog "$CATALOG" </dev/null)
	[ -n "$expected" ]
	run lr-list </dev/null
	assert_success
	assert_output "$expected"
	run bash -c 'true | lr-list'
	assert_success
	assert_output "$expected"
	: > empty.tsv
	run lr-list <empty.tsv
	assert_success
	assert_output "$expected"
}

@test "an empty pipe falls back to LR_CATALOG" {
	one_row_catalog cobra > mine.tsv
	run bash -c 'true | LR_CATALOG=mine.tsv lr-list'
	assert_success
	assert_output "$(cat mine.tsv)"
}

@test "a pipe with something in it is still the catalog, to its first byte" {
	one_row_catalog bird-dog > mine.tsv
	run bash -c 'cat mine.tsv | lr-list'
	assert_success
	assert_output "$(cat mine.tsv)"
}

@test "standard input named explicitly and empty is still an error" {
	run lr-list --catalog - </dev/null
	assert_failure 1
	assert_output 'lr-list: <stdin>: empty input: expected a header line'
	run bash -c 'true | lr-list --catalog -'
	assert_failure 1
	assert_output 'lr-list: <stdin>: empty input: expected a header line'
	# lr-list's operands are ids: "-" is one no catalog has.
	run lr-list - </dev/null
	assert_failure 1
	assert_output --partial 'no exercise "-"'
}
