# fish completion for lr-list
function __lr_ids
    lr-list </dev/null 2>/dev/null | tail -n +2 | cut -f 1,2
end

complete -c lr-list -f
complete -c lr-list -s c -l condition -x -a 'leg-pain sciatica knee-pain low-back-pain' -d 'exercises for these conditions'
complete -c lr-list -s k -l kind -x -a 'warmup stretch strength mobility release' -d 'kinds of exercise'
complete -c lr-list -s r -l region -x -a 'hamstrings quadriceps calves ankles hip-flexors glutes piriformis abductors adductors hips knees lower-back spine core shoulders' -d 'regions worked'
complete -c lr-list -s p -l position -x -a 'standing sitting floor-sitting supine prone side-lying all-fours kneeling' -d 'positions you can take'
complete -c lr-list -s e -l equipment -x -a 'none wall chair table step foam-roller mat strap ankle-weights' -d 'equipment you have'
complete -c lr-list -s l -l level -x -a '1 2 3' -d 'at most this level'
complete -c lr-list -l catalog -r -F -d 'read this catalog'
complete -c lr-list -s s -l show -x -a '(__lr_ids)' -d 'card for one exercise'
complete -c lr-list -l routines -d 'list the routines'
complete -c lr-list -s h -l help -d 'show help'
complete -c lr-list -s V -l version -d 'show version'
complete -c lr-list -a '(__lr_ids)'
