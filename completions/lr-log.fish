# fish completion for lr-log
function __lr_log_ids
    lr-list </dev/null 2>/dev/null | tail -n +2 | cut -f 1,2
end

function __lr_log_routines
    lr-list --routines </dev/null 2>/dev/null | tail -n +2 | cut -f 1,2
end

complete -c lr-log -n __fish_use_subcommand -a add -d 'record exercises done away from the timer'
complete -c lr-log -n __fish_use_subcommand -a pain -d 'record a pain rating, 0-10'
complete -c lr-log -n '__fish_seen_subcommand_from add' -f -a '(__lr_log_ids)'
complete -c lr-log -n '__fish_seen_subcommand_from pain' -f -a '0 1 2 3 4 5 6 7 8 9 10'
complete -c lr-log -s f -l log -r -F -d 'the log'
complete -c lr-log -s q -l quiet -d 'say nothing when all went well'
complete -c lr-log -l check -d 'check the log'
complete -c lr-log -l repair -d 'repair an interrupted append, then check'
complete -c lr-log -l export -x -a csv -d 'write the log as CSV'
complete -c lr-log -l routine -x -a '(__lr_log_routines)' -d 'log a routine as one session (add)'
complete -c lr-log -l session -x -d 'add to this session of the log (add)'
complete -c lr-log -l sets -x -d 'sets done (add)'
complete -c lr-log -l reps -x -d 'reps per set (add)'
complete -c lr-log -l hold -x -d 'seconds of each hold (add)'
complete -c lr-log -l side -x -a 'left right both' -d 'one side only (add)'
complete -c lr-log -l catalog -r -F -d 'the catalog (add)'
complete -c lr-log -l date -x -a 'today yesterday' -d 'when'
complete -c lr-log -l note -x -d 'a note to keep'
complete -c lr-log -s h -l help -d 'show help'
complete -c lr-log -s V -l version -d 'show version'
