#!/usr/bin/env bash
# Completion files load without syntax errors and know every subcommand.
source "$TESTS_DIR/lib/common.sh"
root=$TESTS_DIR/../completions
bash -n "$root/bash/smime" || fail "bash completion"
if command -v zsh >/dev/null; then zsh -n "$root/zsh/_smime" || fail "zsh completion"; fi
if command -v fish >/dev/null; then fish -n "$root/fish/smime.fish" || fail "fish completion"; fi
"$SMIME" --help >"$WORK/help"
commands=$(sed -n '/^Subcommands:/,$p' "$WORK/help" | awk 'NR>1 && NF {print $1}')
[ -n "$commands" ] || fail "no subcommands in --help"
for cmd in $commands; do
    [ "$cmd" = help ] && continue
    for f in bash/smime zsh/_smime fish/smime.fish; do
        grep -q -- "$cmd" "$root/$f" || fail "$f does not know $cmd"
    done
    # every long option of the subcommand is offered by bash completion
    for opt in $("$SMIME" "$cmd" --help | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u); do
        [ "$opt" = --help ] && continue
        grep -q -- "$opt" "$root/bash/smime" || fail "bash completion lacks $cmd $opt"
    done
done
echo ok
