# Write a large, realistic lr log on stdout: ROWS rows (default a
# million) of sessions four or five days a week, each a pain rating
# before, a routine's exercises (some sides, some partial or skipped),
# a rating after, and check-ins on rest days.  Offsets switch between
# +01:00 and +02:00 with the seasons.  Deterministic: same ROWS, same log.
#   mawk -v ROWS=1000000 -f bench/gen-log.awk > big-log.tsv
function civil(z,   era, doe, yoe, doy, mp, d, m, y) {
	z += 719468
	era = int((z >= 0 ? z : z - 146096) / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9
	y = yoe + era * 400 + (m <= 2)
	return sprintf("%04d-%02d-%02d", y, m, d)
}
function emit(s) { print s; n++ }
function stamp(day, sec,   date, mon) {
	date = civil(day)
	mon = substr(date, 6, 2) + 0
	return sprintf("%sT%02d:%02d:%02d%s", date, int(sec / 3600), int(sec % 3600 / 60),
	    sec % 60, (mon >= 4 && mon <= 10) ? "+02:00" : "+01:00")
}
BEGIN {
	if (ROWS == "") ROWS = 1000000
	split("knee-to-chest:2 cat-cow:1 figure-four-stretch:2 seated-hamstring-stretch:2 glute-bridge:1 bird-dog:2 cobra:1 supine-twist:2", ex, " ")
	OFS = "\t"
	print "started", "session", "record", "step", "id", "side", "sets", "reps", "hold_s", "active_s", "status", "pain", "note", "logged"
	day = 0	# 1970-01-01
	seed = 1
	while (n < ROWS) {
		seed = (seed * 1103515245 + 12345) % 2147483648
		wd = (day + 3) % 7; if (wd < 0) wd += 7
		if (wd == 2 || wd == 6 || (wd == 4 && seed % 3 == 0)) {
			emit(stamp(day, 8 * 3600 + seed % 3600) OFS "manual-" day OFS "pain" OFS 0 OFS "" OFS "" OFS 0 OFS 0 OFS 0 OFS 0 OFS "check" OFS (seed % 5 + 1) OFS "" OFS stamp(day, 9 * 3600))
			day++
			continue
		}
		sec = 17 * 3600 + seed % 7200
		sid = "s" day "-" seed % 65536
		pb = seed % 6 + 1
		emit(stamp(day, sec) OFS sid OFS "pain" OFS 0 OFS "" OFS "" OFS 0 OFS 0 OFS 0 OFS 0 OFS "before" OFS pb OFS "" OFS stamp(day, sec + 900))
		for (i = 1; i <= 8 && n < ROWS; i++) {
			split(ex[i], e, ":")
			st = (seed + i) % 20 == 0 ? "skipped" : (seed + i) % 13 == 0 ? "partial" : "done"
			act = st == "done" ? 40 : st == "partial" ? 20 : 0
			for (side = 1; side <= e[2] && n < ROWS; side++)
				emit(stamp(day, sec + 60 * i) OFS sid OFS "exercise" OFS i OFS e[1] OFS (e[2] == 2 ? (side == 1 ? "left" : "right") : "both") OFS (st == "done") OFS 0 OFS act OFS act OFS st OFS "" OFS "" OFS stamp(day, sec + 900))
		}
		if (n < ROWS)
			emit(stamp(day, sec + 800) OFS sid OFS "pain" OFS 0 OFS "" OFS "" OFS 0 OFS 0 OFS 0 OFS 0 OFS "after" OFS (pb + seed % 3 - 1 < 0 ? 0 : pb + seed % 3 - 1) OFS "" OFS stamp(day, sec + 900))
		day++
	}
}
