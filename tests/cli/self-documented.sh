#!/usr/bin/env bash
# The project documents itself: no link in the README or the man pages
# leads out of the repository, and every option of every command is
# described in the man pages a user installs.
source "$TESTS_DIR/lib/common.sh"
root=$TESTS_DIR/..
# Markdown links and bare relative paths that climb out of the checkout.
if grep -nE '\]\(\.\./|(^|[ `(])\.\./[A-Za-z]' "$root/README.md" "$root"/man/*.scd; then
    fail "a link leaves the repository"
fi
"$SMIME" --help >"$WORK/help"
commands=$(sed -n '/^Subcommands:/,$p' "$WORK/help" | awk 'NR>1 && NF {print $1}')
for cmd in "" $commands; do
    [ "$cmd" = help ] && continue
    # shellcheck disable=SC2086
    for opt in $("$SMIME" $cmd --help | grep -oE -- '--[a-z][a-z0-9-]+' | sort -u); do
        [ "$opt" = --help ] && continue
        grep -qF -- "*$opt*" "$root"/man/*.scd || fail "${cmd:-smime}: $opt is not in the man pages"
    done
done
echo ok
