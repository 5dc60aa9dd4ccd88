#!/usr/bin/env bats
# lr-report --format html: one self-contained page with the warnings
# first, inline SVG charts and every text of the log escaped; rendered
# by headless Chromium to a PNG and to a PDF of one or two A4 pages.

load helper

# A month of a sciatica routine (tests/month-log.sh), November 2026,
# and two notes that HTML must not take for markup.
setup() {
	lr_setup
	export LR_LOG="$BATS_TEST_TMPDIR/data/log.tsv"
	mkdir -m 700 "$BATS_TEST_TMPDIR/data"
	"$REPO/tests/month-log.sh" | lr-log -q
	lr-log -q pain 4 --date '2026-11-10 08:00' --note "stiff <b>&\"' morning"
	lr-log -q add cobra --date '2026-11-25 07:30' \
	    --note '<script>alert(1)</script> & <img src=x>'
	MONTH=(--today 2026-11-30 --since 2026-11-02 --until 2026-11-29)
}

# Headless Chromium, kept off the network, with a profile of its own.
chromium_run() {
	timeout 300 chromium --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$BATS_TEST_TMPDIR/profile" "$@" </dev/null
}

# The pages of a PDF, by pdfinfo when there is one.
pdf_pages() {
	if command -v pdfinfo >/dev/null; then
		pdfinfo "$1" | awk '$1 == "Pages:" { print $2 }'
	else
		grep -acE '/Type /Page([^s]|$)' "$1"
	fi
}

@test "one file: no script, and nothing loaded from outside it" {
	run --separate-stderr lr-report "${MONTH[@]}" --format html
	assert_success
	[ -z "$stderr" ]
	printf '%s\n' "$output" > page.html
	assert_line --index 0 '<!DOCTYPE html>'
	assert_line '</html>'
	# The tags of the page (text from the log is escaped: none of it
	# makes a tag) load nothing.
	grep -oE '<[a-zA-Z][^>]*>' page.html > tags
	[ "$(grep -ciE '^<(script|link|img|iframe|object|embed|base|image|use)[ >]' tags)" -eq 0 ]
	[ "$(grep -ciE '(src|href|srcset|action|data)[[:space:]]*=' tags)" -eq 0 ]
	[ "$(grep -c . tags)" -gt 100 ]
	[ "$(grep -ciE '@import|@font-face|(https?|file|ftp):' page.html)" -eq 0 ]
	# url() only to a pattern defined on the page itself.
	[ "$(grep -oiE 'url\([^)]*\)' page.html | grep -cv '^url(#')" -eq 0 ]
	[ "$(grep -oiE 'url\(#[a-z0-9]+\)' page.html | sort -u | wc -l)" -ge 1 ]
	grep -q '<style>' page.html
	grep -q '@page { size: A4' page.html
}

@test "charts: at least two inline SVGs, each with a title, patterns and labels" {
	run lr-report "${MONTH[@]}" -F html
	assert_success
	[ "$(grep -o '<svg ' <<<"$output" | wc -l)" -ge 2 ]
	[ "$(grep -o '<svg ' <<<"$output" | wc -l)" -eq "$(grep -o '<title id=' <<<"$output" | wc -l)" ]
	assert_output --partial 'Minutes of exercise per week</figcaption>'
	assert_output --partial 'Sessions per week against the target of 4</figcaption>'
	assert_output --partial '>pain</text>'
	# Readable without colour: a marker and a dash for each series, a
	# label for each bar, a hatch for the weeks under the target.
	assert_output --partial 'stroke-dasharray="6 3"'
	assert_output --partial '>before sessions</text>'
	assert_output --partial '>after sessions</text>'
	assert_output --partial '>check-ins</text>'
	assert_output --partial '>5/4</text>'
	assert_output --partial '>target 4</text>'
	assert_output --partial '<pattern id="hatch'
}

@test "every text from the log is escaped" {
	run lr-report "${MONTH[@]}" -F html
	assert_success
	assert_output --partial 'stiff &lt;b&gt;&amp;&quot;&#39; morning'
	assert_output --partial '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x&gt;'
	refute_output --partial '<b>&'
	refute_output --partial '<script'
	refute_output --partial '<img'
	# The exercise table with its dose changes, from the same log.
	assert_output --partial '3x15s <span class="sub">from 11-02</span> &rarr; 3x20s <span class="sub">from 11-16</span>'
}

@test "the warnings come first, before the charts" {
	run lr-report "${MONTH[@]}" --target 5 -F html
	assert_success
	printf '%s\n' "$output" > page.html
	warn=$(grep -n 'Fewer sessions than the target of 5' page.html | head -n 1 | cut -d: -f1)
	chart=$(grep -n '<svg ' page.html | head -n 1 | cut -d: -f1)
	[ -n "$warn" ]
	[ -n "$chart" ]
	[ "$warn" -lt "$chart" ]
	grep -q '<span class="tag">Warning:</span>' page.html
}

@test "a logged stop comes first among its week's warnings, citing its article" {
	# Week 46 (from 2026-11-09): the flare of Wednesday has not
	# settled on Thursday, and on Friday the safety screen stops the
	# session; the stop was logged after the pain.
	lr-log -q pain 6 --date '2026-11-12 08:00'
	{
		printf '%s\n' "$RESULTS_HEADER"
		printf '2026-11-13T08:10:00+01:00\tstop13\tscreen\t0\t\t\t0\t0\t0\t0\tstop\t\tfever=no,sharp-pain=yes\n'
	} | lr-log -q
	run lr-report "${MONTH[@]}" -F html
	assert_success
	printf '%s\n' "$output" > page.html
	sed -n '/<ul class="warn">/,/<\/ul>/p' page.html | grep '^<li' > warnings
	first=$(head -n 1 warnings)
	[[ $first == '<li class="stop"><span class="tag">Stop:</span> No session on 2026-11-13: a warning sign stopped it.'* ]]
	[[ $first == *'This advice comes from the sciatica article (002_ae89acf58824fd98.txt).</li>' ]]
	# The week's other warning, the pain that had not settled, after it.
	[ "$(grep -n 'in the session of 2026-11-11 and was still 6 at the first rating on 2026-11-12' warnings | cut -d: -f1)" -gt 1 ]
	[ "$(grep -c 'class="stop"' warnings)" -eq 1 ]
}

@test "--by-person: a section a person, named by the file and escaped, a page each" {
	cp "$LR_LOG" 'anna.tsv'
	cp "$LR_LOG" 'b&o.tsv'
	run lr-report "${MONTH[@]}" --by-person -F html anna.tsv 'b&o.tsv'
	assert_success
	[ "$(grep -c '<section class="person">' <<<"$output")" -eq 2 ]
	assert_output --partial '<h1>anna: lr report, 2026-11-02 to 2026-11-29</h1>'
	assert_output --partial '<h1>b&amp;o: lr report'
	assert_output --partial 'section.person + section.person { break-before: page; }'
	# Each person's charts name their own patterns.
	[ "$(grep -o '<pattern id="hatch[0-9]*"' <<<"$output" | sort | uniq -d | wc -l)" -eq 0 ]
}

@test "Chromium renders the page to a PNG and to one or two A4 pages of PDF" {
	command -v chromium >/dev/null || skip "chromium is not installed (apt-get install chromium)"
	lr-report "${MONTH[@]}" -F html > page.html
	run chromium_run --screenshot="$PWD/page.png" --window-size=1000,1400 "file://$PWD/page.html"
	assert_success
	[ -f page.png ]
	[ "$(head -c 8 page.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
	[ "$(wc -c < page.png)" -gt 20000 ]
	run chromium_run --no-pdf-header-footer --print-to-pdf="$PWD/page.pdf" "file://$PWD/page.html"
	assert_success
	[ "$(head -c 5 page.pdf)" = '%PDF-' ]
	[ "$(wc -c < page.pdf)" -gt 10000 ]
	pages=$(pdf_pages page.pdf)
	[ "$pages" -ge 1 ]
	[ "$pages" -le 2 ]
	# A4 is 595 x 842 points.
	grep -aq 'MediaBox \[0 0 594.9[0-9]* 841.9[0-9]*\]' page.pdf
}

@test "the page has the report's figures: exercises not sides, the same headings, range and notes" {
	# Eight weeks asked for; the log starts on 2026-11-02.
	LC_ALL=C run lr-report --today 2026-11-30 -w 8 -F html
	assert_success
	printf '%s\n' "$output" > page.html
	assert_output --partial 'lr report, 2026-11-02 to 2026-12-06</h1>'
	assert_output --partial 'The log starts in 2026-W45: the weeks before it are left out.'
	assert_output --partial '<th>Exercises done</th><th>Partly done</th><th>Skipped</th><th>Share done</th><th>Sessions of target</th>'
	# The total row holds the text report's totals.
	LC_ALL=C run lr-report --today 2026-11-30 -w 8
	assert_success
	total=$(printf '%s\n' "$output" | awk '$1 == "total" && NF == 9 { printf "<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>", $2, $3, $4, $5, $6, $7, $8, $9 }')
	[ -n "$total" ]
	grep -qF "<tr class=\"total\"><td class=\"l\">Total</td><td></td>$total</tr>" page.html
	# The check-in note under its week, in the pain table.
	grep -q '^<tr><td class="l">2026-W46</td>.*2026-11-10 08:00, pain 4: stiff &lt;b&gt;' page.html
}
