# The weekly group-by that lr-report --format tsv does, in awk, for the
# benchmark: ISO week of each record's own local date; sessions, active
# days and minutes; exercises done, partial and skipped, each counted
# once in its session's week, its sides folded (all done: done; some
# work: partial; none: skipped); pain before, after and at check-ins.
# Rows are taken as they are (no checking).
function days(y, m, d,   era, yoe, doy) {
	y -= m <= 2
	era = int((y >= 0 ? y : y - 399) / 400)
	yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
	return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468
}
BEGIN { FS = OFS = "\t" }
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
{
	s = $c["started"]
	d = days(substr(s, 1, 4) + 0, substr(s, 6, 2) + 0, substr(s, 9, 2) + 0)
	wd = (d + 3) % 7
	if (wd < 0) wd += 7
	w = d - wd
	seen[w] = 1
	r = $c["record"]
	if (r == "exercise") {
		st = $c["status"]
		sid = $c["session"]
		if (!(sid in sw)) sw[sid] = w
		k = sid SUBSEP $c["id"]
		if (!(k in exw)) exw[k] = sw[sid]
		v = st == "done" ? 3 : st == "partial" ? 2 : 1
		if (v > best[k, $c["side"]]) best[k, $c["side"]] = v
		if (st != "skipped") {
			if (!((w, $c["session"]) in ses)) { ses[w, $c["session"]] = 1; sessions[w]++ }
			if (!((w, wd) in act)) { act[w, wd] = 1; adays[w]++ }
			active[w] += $c["active_s"]
		}
	} else if (r == "pain") {
		st = $c["status"]
		ps[w, st] += $c["pain"]; pn[w, st]++
	}
}
function avg(w, st) { return pn[w, st] ? sprintf("%.1f", ps[w, st] / pn[w, st]) : "" }
END {
	for (ks in best) {
		split(ks, p, SUBSEP)
		k = p[1] SUBSEP p[2]
		if (best[ks] != 3) notall[k] = 1
		if (best[ks] >= 2) work[k] = 1
	}
	for (k in exw)
		n[exw[k], !(k in notall) ? "done" : (k in work) ? "partial" : "skipped"]++
	print "monday", "sessions", "active_days", "active_min", "done", "partial", "skipped", "pain_before", "pain_after", "pain_check"
	for (w in seen)
		print w, sessions[w] + 0, adays[w] + 0, sprintf("%.1f", active[w] / 60), n[w, "done"] + 0, n[w, "partial"] + 0, n[w, "skipped"] + 0, avg(w, "before"), avg(w, "after"), avg(w, "check")
}
