# fish completion for lr-plan
function __lr_routines
    lr-list --routines </dev/null 2>/dev/null | tail -n +2 | cut -f 1,2
end

complete -c lr-plan -s R -l routine -x -a '(__lr_routines)' -d 'a routine of the articles'
complete -c lr-plan -s c -l condition -x -a 'leg-pain sciatica knee-pain low-back-pain' -d 'plan for these conditions'
complete -c lr-plan -s m -l minutes -x -a '5 10 15 20 30 45 60' -d 'time budget in minutes'
complete -c lr-plan -s p -l position -x -a 'standing sitting floor-sitting supine prone side-lying all-fours kneeling' -d 'positions you can take'
complete -c lr-plan -s e -l equipment -x -a 'none wall chair table step foam-roller mat strap ankle-weights' -d 'equipment you have'
complete -c lr-plan -s l -l level -x -a '1 2 3' -d 'at most this level'
complete -c lr-plan -l seed -x -d 'choose with this seed'
complete -c lr-plan -l log -r -F -d 'move doses on from this log'
complete -c lr-plan -l no-log -d 'plan as for someone new'
complete -c lr-plan -l explain -d 'explain the plan on stderr'
complete -c lr-plan -l total -d 'print only the estimated seconds'
complete -c lr-plan -s h -l help -d 'show help'
complete -c lr-plan -s V -l version -d 'show version'
