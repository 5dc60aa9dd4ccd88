#!/usr/bin/env bats
# The TSV layer, driven through lr-list --catalog: every hostile input
# gets one clear line naming the file and line, and a non-zero exit.

load helper

setup() {
	lr_setup
	one_row_catalog calf-stretch > good.tsv
}

@test "a valid one-row catalog passes through unchanged" {
	run lr-list --catalog good.tsv
	assert_success
	assert_output "$(cat good.tsv)"
}

@test "an empty file is an error, not an empty catalog" {
	: > empty.tsv
	run lr-list --catalog empty.tsv
	assert_failure 1
	assert_output "lr-list: empty.tsv: empty input: expected a header line"
}

@test "a header with no rows prints the header and succeeds" {
	head -n 1 good.tsv > header.tsv
	run lr-list --catalog header.tsv
	assert_success
	assert_output "$(cat header.tsv)"
}

@test "a missing required column is named" {
	col=$(catalog_colno reps)
	cut -f "1-$((col - 1)),$((col + 1))-" good.tsv > noreps.tsv
	run lr-list --catalog noreps.tsv
	assert_failure 1
	assert_output 'lr-list: noreps.tsv:1: missing required column "reps"'
}

@test "CRLF line ends are accepted and not written back" {
	sed 's/$/\r/' good.tsv > crlf.tsv
	run lr-list --catalog crlf.tsv
	assert_success
	assert_output "$(cat good.tsv)"
}

@test "a UTF-8 byte-order mark is accepted" {
	{ printf '\357\273\277'; cat good.tsv; } > bom.tsv
	run lr-list --catalog bom.tsv
	assert_success
	assert_output "$(cat good.tsv)"
}

@test "a NUL byte is an error naming line and column" {
	{ head -n 1 good.tsv; tail -n 1 good.tsv | sed 's/^calf-stretch/calf-st\x00retch/'; } > nul.tsv
	run lr-list --catalog nul.tsv
	assert_failure 1
	assert_line 'lr-list: nul.tsv:2: column "id": a NUL byte (this is not a text file)'
}

@test "invalid UTF-8 is an error naming line and column" {
	{ head -n 1 good.tsv; tail -n 1 good.tsv | sed 's/Calf stretch/Calf \xff stretch/I'; } > bad8.tsv
	run lr-list --catalog bad8.tsv
	assert_failure 1
	assert_line 'lr-list: bad8.tsv:2: column "name": invalid UTF-8'
}

@test "an overlong UTF-8 encoding is refused" {
	{ head -n 1 good.tsv; tail -n 1 good.tsv | sed 's/Calf stretch/Calf \xc0\xaf stretch/I'; } > overlong.tsv
	run lr-list --catalog overlong.tsv
	assert_failure 1
	assert_output --partial 'overlong.tsv:2: column "name": invalid UTF-8'
}

@test "a line over 64 KiB is an error, and the lines after it are still read" {
	{
		cat good.tsv
		head -c 70000 /dev/zero | tr '\0' x; echo
		tail -n 1 good.tsv | sed 's/^calf-stretch/calf-stretch-2/'
	} > huge.tsv
	run lr-list --catalog huge.tsv
	assert_failure 1
	assert_line 'lr-list: huge.tsv:3: line longer than 65536 bytes'
	assert_line --partial 'calf-stretch-2'
}

@test "a line of exactly 64 KiB is not too long" {
	{
		head -n 1 good.tsv
		row=$(tail -n 1 good.tsv)
		printf '%s' "$row"
		head -c $((65536 - ${#row})) /dev/zero | tr '\0' y
		echo
	} > exact.tsv
	[ "$(tail -n 1 exact.tsv | wc -c)" -eq 65537 ]
	run lr-list --catalog exact.tsv
	assert_success
}

@test "a row with too few fields names the first column without a value" {
	{ head -n 1 good.tsv; tail -n 1 good.tsv | cut -f 1-24; } > short.tsv
	run lr-list --catalog short.tsv
	assert_failure 1
	assert_line --regexp '^lr-list: short.tsv:2: 24 fields, the header has [0-9]+ \(no value for column "[a-z_]+"\)$'
}

@test "a row with too many fields is an error" {
	{ head -n 1 good.tsv; tail -n 1 good.tsv | sed 's/$/\textra/'; } > long.tsv
	run lr-list --catalog long.tsv
	assert_failure 1
	assert_output --partial 'long.tsv:2: '
	assert_output --partial 'fields, the header has'
}

@test "a blank line is an error, not a silent skip" {
	{ cat good.tsv; echo; tail -n 1 good.tsv | sed 's/^calf-stretch/calf-2/'; } > blank.tsv
	run lr-list --catalog blank.tsv
	assert_failure 1
	assert_line --partial 'blank.tsv:3: empty line'
	assert_line --partial 'calf-2'
}

@test "the last line may lack its newline" {
	printf '%s' "$(cat good.tsv)" > nonl.tsv
	run lr-list --catalog nonl.tsv
	assert_success
	assert_output "$(cat good.tsv)"
}

@test "a word where a number belongs names line, column and value" {
	col=$(catalog_colno sets)
	awk -F'\t' -v OFS='\t' -v c="$col" 'NR == 2 { $c = "ten" } 1' good.tsv > ten.tsv
	run lr-list --catalog ten.tsv
	assert_failure 1
	assert_line 'lr-list: ten.tsv:2: column "sets": expected a whole number, got "ten"'
}

@test "numbers out of range are refused, huge ones too" {
	col=$(catalog_colno level)
	awk -F'\t' -v OFS='\t' -v c="$col" 'NR == 2 { $c = "9" } 1' good.tsv > nine.tsv
	run lr-list --catalog nine.tsv
	assert_failure 1
	assert_line 'lr-list: nine.tsv:2: column "level": expected 1-3, got "9"'
	col=$(catalog_colno hold_s)
	awk -F'\t' -v OFS='\t' -v c="$col" 'NR == 2 { $c = "99999999999999999999999" } 1' good.tsv > big.tsv
	run lr-list --catalog big.tsv
	assert_failure 1
	assert_output --partial 'big.tsv:2: column "hold_s": expected 0-3600, got "99999999999999999999999"'
	awk -F'\t' -v OFS='\t' -v c="$col" 'NR == 2 { $c = "-5" } 1' good.tsv > neg.tsv
	run lr-list --catalog neg.tsv
	assert_failure 1
	assert_output --partial 'column "hold_s": expected a whole number, got "-5"'
}

@test "escaped tab, newline and backslash survive a round trip" {
	col=$(catalog_colno caution)
	awk -F'\t' -v OFS='\t' -v c="$col" 'NR == 2 { $c = "a\\tb\\nc\\\\d \"quoted\"" } 1' good.tsv > esc.tsv
	run lr-list --catalog esc.tsv
	assert_success
	assert_output "$(cat esc.tsv)"
	run lr-list --catalog esc.tsv -s calf-stretch
	assert_success
	assert_output --partial 'c\d "quoted"'
}

@test "an unknown escape is an error" {
	col=$(catalog_colno caution)
	awk -F'\t' -v OFS='\t' -v c="$col" 'NR == 2 { $c = "C:\\qpath" } 1' good.tsv > badesc.tsv
	run lr-list --catalog badesc.tsv
	assert_failure 1
	assert_output --partial 'badesc.tsv:2: column "caution": an unknown escape'
}

@test "a raw carriage return inside a field is an error" {
	col=$(catalog_colno caution)
	awk -F'\t' -v OFS='\t' -v c="$col" 'NR == 2 { $c = "a\rb" } 1' good.tsv > cr.tsv
	run lr-list --catalog cr.tsv
	assert_failure 1
	assert_output --partial 'cr.tsv:2: column "caution": a raw carriage return'
}

@test "a double quote is data: it does not swallow tabs" {
	col=$(catalog_colno caution)
	awk -F'\t' -v OFS='\t' -v c="$col" 'NR == 2 { $c = "\"open quote" } 1' good.tsv > quote.tsv
	run lr-list --catalog quote.tsv
	assert_success
	assert_output "$(cat quote.tsv)"
}

@test "leading and trailing spaces are kept" {
	col=$(catalog_colno caution)
	awk -F'\t' -v OFS='\t' -v c="$col" 'NR == 2 { $c = "  spaced  " } 1' good.tsv > spaces.tsv
	run lr-list --catalog spaces.tsv
	assert_success
	assert_output "$(cat spaces.tsv)"
}

@test "unknown columns are carried through unchanged" {
	awk -F'\t' -v OFS='\t' '{ print $0, (NR == 1 ? "my_note" : "keep me") }' good.tsv > extra.tsv
	run lr-list --catalog extra.tsv
	assert_success
	assert_output "$(cat extra.tsv)"
}

@test "a header naming a column twice is an error" {
	awk -F'\t' -v OFS='\t' '{ print $0, (NR == 1 ? "id" : "x") }' good.tsv > twice.tsv
	run lr-list --catalog twice.tsv
	assert_failure 1
	assert_output --regexp 'twice.tsv:1: field [0-9]+: column name given twice in the header$'
}

@test "a missing file and a directory are clear errors" {
	run lr-list --catalog nosuch.tsv
	assert_failure 1
	assert_output 'lr-list: nosuch.tsv: No such file or directory'
	mkdir dir.tsv
	run lr-list --catalog dir.tsv
	assert_failure 1
	assert_output 'lr-list: dir.tsv: is a directory'
}

@test "binary junk fails cleanly" {
	head -c 100000 /dev/urandom > junk.bin
	run lr-list --catalog junk.bin
	assert_failure 1
	assert_output --partial 'lr-list: junk.bin:'
}

@test "every bad row is reported, not just the first" {
	col=$(catalog_colno level)
	{
		head -n 1 good.tsv
		tail -n 1 good.tsv | awk -F'\t' -v OFS='\t' -v c="$col" '{ $c = "7"; $1 = "a"; print; $1 = "b"; print; $c = "1"; $1 = "c"; print }'
	} > two.tsv
	run lr-list --catalog two.tsv
	assert_failure 1
	assert_line 'lr-list: two.tsv:2: column "level": expected 1-3, got "7"'
	assert_line 'lr-list: two.tsv:3: column "level": expected 1-3, got "7"'
	assert_line --partial "c	"
}
