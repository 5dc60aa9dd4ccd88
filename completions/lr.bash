# bash completion for the lr programs (lr-list, ...).
# Installed once per program name so bash-completion finds it lazily.

_lr_words() {
	case $1 in
	condition) echo "leg-pain sciatica knee-pain low-back-pain" ;;
	kind) echo "warmup stretch strength mobility release" ;;
	position) echo "standing sitting floor-sitting supine prone side-lying all-fours kneeling" ;;
	equipment) echo "none wall chair table step foam-roller mat strap ankle-weights" ;;
	region) echo "hamstrings quadriceps calves ankles hip-flexors glutes piriformis abductors adductors hips knees lower-back spine core shoulders" ;;
	level) echo "1 2 3" ;;
	esac
}

# Exercise ids and routine names come from the catalog itself.
_lr_ids() {
	lr-list </dev/null 2>/dev/null | cut -f 1 | tail -n +2
}

# "--routine=NAME": bash splits the word at "=", so the option is one
# or two words back; set cur and prev as if it were "--routine NAME".
_lr_after_equals() {
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]]; then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi
}

_lr_routines() {
	lr-list --routines </dev/null 2>/dev/null | cut -f 1 | tail -n +2
}

# Complete the last word of a comma list.
_lr_complete_list() {
	local cur=$1 words=$2 prefix=""
	if [[ $cur == *,* ]]; then
		prefix=${cur%,*},
		cur=${cur##*,}
	fi
	local w
	COMPREPLY=()
	for w in $words; do
		[[ $w == "$cur"* ]] && COMPREPLY+=("$prefix$w")
	done
	[[ ${#COMPREPLY[@]} -eq 1 ]] && compopt -o nospace 2>/dev/null
}

_lr_list() {
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	_lr_after_equals
	case $prev in
	-c|--condition) _lr_complete_list "$cur" "$(_lr_words condition)"; return ;;
	-k|--kind) _lr_complete_list "$cur" "$(_lr_words kind)"; return ;;
	-r|--region) _lr_complete_list "$cur" "$(_lr_words region)"; return ;;
	-p|--position) _lr_complete_list "$cur" "$(_lr_words position)"; return ;;
	-e|--equipment) _lr_complete_list "$cur" "$(_lr_words equipment)"; return ;;
	-l|--level) mapfile -t COMPREPLY < <(compgen -W "1 2 3" -- "$cur"); return ;;
	-s|--show) mapfile -t COMPREPLY < <(compgen -W "$(_lr_ids)" -- "$cur"); return ;;
	--catalog) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "-c --condition -k --kind -r --region -p --position -e --equipment -l --level --catalog -s --show --routines -h --help -V --version" -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -W "$(_lr_ids)" -- "$cur")
	fi
}

_lr_plan() {
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	_lr_after_equals
	case $prev in
	-R|--routine) mapfile -t COMPREPLY < <(compgen -W "$(_lr_routines)" -- "$cur"); return ;;
	-c|--condition) _lr_complete_list "$cur" "$(_lr_words condition)"; return ;;
	-p|--position) _lr_complete_list "$cur" "$(_lr_words position)"; return ;;
	-e|--equipment) _lr_complete_list "$cur" "$(_lr_words equipment)"; return ;;
	-l|--level) mapfile -t COMPREPLY < <(compgen -W "1 2 3" -- "$cur"); return ;;
	-m|--minutes) mapfile -t COMPREPLY < <(compgen -W "5 10 15 20 30 45 60" -- "$cur"); return ;;
	--seed) return ;;
	--log) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "-R --routine -c --condition -m --minutes -p --position -e --equipment -l --level --seed --log --no-log --explain --total -h --help -V --version" -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	fi
}

_lr_timer() {
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	_lr_after_equals
	case $prev in
	-s|--speed) mapfile -t COMPREPLY < <(compgen -W "1 2 10 100 1000" -- "$cur"); return ;;
	--ready|--ready-move|--switch) mapfile -t COMPREPLY < <(compgen -W "0 5 10 15 20 30 40" -- "$cur"); return ;;
	--cue-cmd) mapfile -t COMPREPLY < <(compgen -c -- "$cur"); return ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "-b --batch --plain --resume -s --speed --ready --ready-move --switch --screen --no-screen -p --pain --no-pain --cue-cmd --no-bell --tick -h --help -V --version" -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	fi
}

_lr_log() {
	local cur prev i sub=""
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	_lr_after_equals
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in add|pain) sub=${COMP_WORDS[i]}; break ;; esac
	done
	case $prev in
	-f|--log|--catalog) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
	--side) mapfile -t COMPREPLY < <(compgen -W "left right both" -- "$cur"); return ;;
	--routine) mapfile -t COMPREPLY < <(compgen -W "$(_lr_routines)" -- "$cur"); return ;;
	--session) return ;;
	--export) mapfile -t COMPREPLY < <(compgen -W "csv" -- "$cur"); return ;;
	--date) mapfile -t COMPREPLY < <(compgen -W "today yesterday $(date +%F)" -- "$cur"); return ;;
	--sets|--reps|--hold|--note) return ;;
	pain) [[ $cur == -* ]] || { mapfile -t COMPREPLY < <(compgen -W "0 1 2 3 4 5 6 7 8 9 10" -- "$cur"); return; } ;;
	esac
	if [[ $cur == -* ]]; then
		local opts="-f --log -q --quiet --check --repair --export -h --help -V --version"
		[[ $sub == add ]] && opts+=" --routine --session --sets --reps --hold --side --catalog --date --note"
		[[ $sub == pain ]] && opts+=" --date --note"
		mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
	elif [[ -z $sub ]]; then
		mapfile -t COMPREPLY < <(compgen -W "add pain" -f -- "$cur")
	elif [[ $sub == add ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$(_lr_ids)" -- "$cur")
	fi
}

_lr_report() {
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	_lr_after_equals
	case $prev in
	-F|--format) mapfile -t COMPREPLY < <(compgen -W "text tsv md html" -- "$cur"); return ;;
	-w|--weeks) mapfile -t COMPREPLY < <(compgen -W "1 4 8 12 26 52" -- "$cur"); return ;;
	-t|--target) mapfile -t COMPREPLY < <(compgen -W "3 4 5" -- "$cur"); return ;;
	-c|--condition) _lr_complete_list "$cur" "$(_lr_words condition)"; return ;;
	--week) mapfile -t COMPREPLY < <(compgen -W "$(date +%G-W%V)" -- "$cur"); return ;;
	--since|--until|--today) mapfile -t COMPREPLY < <(compgen -W "$(date +%F)" -- "$cur"); return ;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "-w --weeks --since --until --last-week --week -t --target -c --condition -e --exercises --by-person -F --format --today --due -h --help -V --version" -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	fi
}

complete -F _lr_list lr-list
complete -F _lr_plan lr-plan
complete -F _lr_timer lr-timer
complete -F _lr_log lr-log
complete -F _lr_report lr-report
