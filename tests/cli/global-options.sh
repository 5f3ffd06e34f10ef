#!/usr/bin/env bash
# Global options are accepted before or after the subcommand's name
# (`smime --json list` = `smime list --json`), for every subcommand that
# uses them: each case runs once with the option in front and once at the
# end, in two copies of the same keyring, and both must behave alike.
source "$TESTS_DIR/lib/common.sh"
make_pki
"$SMIME" import-cert --trust "$PKI/ca.pem" 2>/dev/null
"$SMIME" import-cert "$PKI/sub.pem" "$PKI/alice.pem" "$PKI/bob.pem" 2>/dev/null
"$SMIME" import-key "$PKI/alice.key" 2>/dev/null
"$SMIME" import-key --passphrase-file "$PKI/pass.txt" "$PKI/bob-enc.key" 2>/dev/null
printf 'From: alice@example.org\nTo: bob@example.org\nSubject: hi\n\nhello\n' >"$WORK/alice.eml"
printf 'From: bob@example.org\nTo: alice@example.org\nSubject: hi\n\nhello\n' >"$WORK/bob.eml"
"$SMIME" sign "$WORK/alice.eml" >"$WORK/signed.eml" 2>/dev/null
"$SMIME" encrypt "$WORK/alice.eml" >"$WORK/to-bob.eml" 2>/dev/null
"$SMIME" export alice@example.org >"$WORK/alice-export.pem"
cp -a "$SMIME_HOME" "$WORK/template"
alice_fpr=$("$SMIME" --json list alice@example.org | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["fingerprint"])')

# run_at front|end OPTIONS -- SUBCOMMAND ARGS...: a fresh copy of the
# keyring, the options placed in front of or after everything else; stdout
# to $WORK/<place>.out, stderr to .err, fd 3 to .fd3, exit code to .rc;
# fd 5 reads the test passphrase.
run_at() {
    local place=$1; shift
    local opts=()
    while [ "$1" != -- ]; do opts+=("$1"); shift; done
    shift
    rm -rf "$SMIME_HOME" && cp -a "$WORK/template" "$SMIME_HOME"
    local rc=0
    if [ "$place" = front ]; then
        env ${RUN_ENV:-} "$SMIME" "${opts[@]}" "$@" >"$WORK/$place.out" 2>"$WORK/$place.err" 3>"$WORK/$place.fd3" 5<"$PKI/pass.txt" || rc=$?
    else
        env ${RUN_ENV:-} "$SMIME" "$@" "${opts[@]}" >"$WORK/$place.out" 2>"$WORK/$place.err" 3>"$WORK/$place.fd3" 5<"$PKI/pass.txt" || rc=$?
    fi
    echo "$rc" >"$WORK/$place.rc"
}

# both WANT_EXIT CHECK OPTIONS -- SUBCOMMAND ARGS...: runs both placements;
# each must exit WANT_EXIT and pass CHECK (a function given the place).
both() {
    local want=$1 check=$2; shift 2
    for place in front end; do
        run_at "$place" "$@"
        [ "$(cat "$WORK/$place.rc")" = "$want" ] || {
            cat "$WORK/$place.err" >&2; fail "$place: exit $(cat "$WORK/$place.rc"), wanted $want: $*"; }
        "$check" "$place" || fail "$place: check $check failed: $*"
    done
}

json_stdout() { /usr/bin/python3 "$TESTS_DIR/cli/json_lines.py" "$WORK/$1.out"; }
json_stderr() { /usr/bin/python3 "$TESTS_DIR/cli/json_lines.py" "$WORK/$1.err"; }
status_on_fd3() { /usr/bin/python3 "$TESTS_DIR/cli/json_lines.py" "$WORK/$1.fd3"; }
quiet_stderr() { [ ! -s "$WORK/$1.err" ]; }
verbose_same() { cmp -s "$WORK/front.err" "$WORK/$1.err"; }
found_alice() { grep -q alice@example.org "$WORK/$1.out"; }
exported() { grep -q 'BEGIN CERTIFICATE' "$WORK/$1.out"; }
anything() { true; }

# Every subcommand with the options it takes (a command's own arguments are
# after --; the option under test goes before or after them).
keyring_cmds=(
    "import-cert $PKI/carol.pem"
    "import-key $PKI/alice.key"
    "import-crl $PKI/crl.pem"
    "list"
    "export alice@example.org"
    "delete --yes bob@example.org"
    "trust alice@example.org"
    "check"
    "send-notification --to bob@example.org --subject s --text $WORK/alice.eml --from alice@example.org --output-dir $WORK/outdir"
)
message_cmds=(
    "sign $WORK/alice.eml"
    "verify $WORK/signed.eml"
    "encrypt $WORK/alice.eml"
    "decrypt --passphrase-file $PKI/pass.txt $WORK/to-bob.eml"
)
exit_of() {  # the exit code a command has without the option under test
    rm -rf "$SMIME_HOME" && cp -a "$WORK/template" "$SMIME_HOME"
    local rc=0; "$SMIME" "$@" >/dev/null 2>&1 3>/dev/null || rc=$?; echo "$rc"
}
mkdir -p "$WORK/outdir"

for spec in "${keyring_cmds[@]}" "${message_cmds[@]}"; do
    read -ra cmd <<<"$spec"
    rc=$(exit_of "${cmd[@]}")
    [ "$rc" = 0 ] || fail "setup: '$spec' exits $rc"
    both 0 status_on_fd3 --status-fd 3 -- "${cmd[@]}"
    both 0 verbose_same --verbose -- "${cmd[@]}"
    both 0 verbose_same -v -- "${cmd[@]}"
    both 0 quiet_stderr --quiet -- "${cmd[@]}"
    both 0 quiet_stderr -q -- "${cmd[@]}"
done
for spec in "${keyring_cmds[@]}"; do
    read -ra cmd <<<"$spec"
    both 0 json_stdout --json -- "${cmd[@]}"
done
for spec in "${message_cmds[@]}"; do
    read -ra cmd <<<"$spec"
    both 0 json_stderr --json -- "${cmd[@]}"
done

# --home for every command: $SMIME_HOME names a place that cannot exist, so
# only a keyring found through the option lets the command succeed.
for spec in "${keyring_cmds[@]}" "${message_cmds[@]}"; do
    read -ra cmd <<<"$spec"
    rc=0; SMIME_HOME=/dev/null/nowhere "$SMIME" "${cmd[@]}" >/dev/null 2>&1 5<"$PKI/pass.txt" || rc=$?
    [ "$rc" != 0 ] || fail "'$spec' works without a keyring: the --home case proves nothing"
    RUN_ENV=SMIME_HOME=/dev/null/nowhere both 0 anything --home "$SMIME_HOME" -- "${cmd[@]}"
done
# and what it finds is that keyring.
mv "$WORK/template" "$WORK/elsewhere" && mkdir "$WORK/template"
export SMIME_HOME=$WORK/empty-home
both 0 found_alice --home "$WORK/elsewhere" -- list alice
both 0 exported --home "$WORK/elsewhere" -- export alice@example.org
rm -rf "$WORK/template" && mv "$WORK/elsewhere" "$WORK/template"
export SMIME_HOME=$WORK/home

# --passphrase-file and --passphrase-fd, for every command that unlocks a key
# (bob's key is encrypted; without a passphrase these fail).
pass_cmds=(
    "sign $WORK/bob.eml"
    "encrypt --sign --to alice@example.org $WORK/bob.eml"
    "decrypt $WORK/to-bob.eml"
    "import-cert $PKI/dave.p12"
    "import-key $PKI/alice-enc.key"
    "send-notification --to alice@example.org --subject s --text $WORK/bob.eml --from bob@example.org --output-dir $WORK/outdir"
)
for spec in "${pass_cmds[@]}"; do
    read -ra cmd <<<"$spec"
    rc=$(exit_of "${cmd[@]}")
    [ "$rc" != 0 ] || fail "'$spec' works without a passphrase: the test proves nothing"
    both 0 anything --passphrase-file "$PKI/pass.txt" -- "${cmd[@]}"
    both 0 anything --passphrase-fd 5 -- "${cmd[@]}"
done

# --output, before or after.
for spec in "list" "export $alice_fpr" "sign $WORK/alice.eml"; do
    read -ra cmd <<<"$spec"
    rm -f "$WORK/product"
    both 0 anything -o "$WORK/product" -- "${cmd[@]}"
    [ -s "$WORK/product" ] || [ "$spec" = list ] || fail "--output $spec wrote nothing"
done
echo ok
