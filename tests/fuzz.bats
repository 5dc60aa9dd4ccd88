#!/usr/bin/env bats
# Inputs the fuzzers found that once broke a program, kept so that it
# never happens again: each must end in a clear error, never a crash.
# (tests/data/fuzz/KIND-NAME; `make fuzz` explains how they are found.)

load helper

setup() {
	lr_setup
	export LR_LOG="$BATS_TEST_TMPDIR/log.tsv"
}

# Run the program that reads inputs of this kind.
feed() {
	case $(basename "$1") in
	catalog-*) lr-list --catalog "$1" ;;
	plan-*) lr-timer --batch --speed 10000 "$1" ;;
	results-*) lr-log "$1" && lr-report --week 2026-W47 "$LR_LOG" ;;
	*) lr-list --catalog "$1" ;;
	esac
}

@test "every input the fuzzers found is refused cleanly" {
	n=0
	for f in "$BATS_TEST_DIRNAME"/data/fuzz/*; do
		run feed "$f"
		# 1 is a data error; a crash or a sanitizer would end otherwise.
		[ "$status" -eq 1 ] || { echo "$f: status $status"; echo "$output"; return 1; }
		[[ $output == *"$(basename "$f")"* ]] || { echo "$f: no message naming the file"; return 1; }
		n=$((n + 1))
	done
	[ "$n" -ge 1 ]
}

@test "an empty equipment field is an error, not a read before the field" {
	one_row_catalog cobra | awk -F'\t' -v OFS='\t' -v c="$(catalog_colno equipment)" 'NR == 2 { $c = "" } 1' > empty-eq.tsv
	run lr-list --catalog empty-eq.tsv
	assert_failure 1
	assert_output --partial 'empty-eq.tsv:2: column "equipment": expected none, or a comma list'
}

@test "a byte-order mark inside a column name is refused, so every header can be written back" {
	printf '\357\273\277\357\273\277id\tname\nx\ty\n' > bom2.tsv
	run lr-list --catalog bom2.tsv
	assert_failure 1
	assert_output 'lr-list: bom2.tsv:1: field 1: a byte-order mark in a column name'
}
