#!/usr/bin/env bash
# An ambiguous fingerprint prefix is refused (exit 1) by every command that
# takes one, naming both candidates on stderr (full fingerprint, then the
# addresses) and, with --json, in a failed status line; one more digit
# picks one. The two certificates are real ones whose SHA-256 fingerprints
# share their first 8 hex digits (tests/keyring/colliding_certs.cpp).
source "$TESTS_DIR/lib/common.sh"
: "${COLLIDING_CERTS:?COLLIDING_CERTS must point at the built colliding_certs}"
cd "$WORK"
"$COLLIDING_CERTS" a.pem b.pem || fail "no colliding certificates"
fpr() { openssl x509 -in "$1" -outform DER | sha256sum | cut -c1-64; }
a=$(fpr a.pem)
b=$(fpr b.pem)
[ "${a:0:8}" = "${b:0:8}" ] && [ "$a" != "$b" ] || fail "generator: $a $b"
# The longest common prefix, and in the spellings people paste.
n=8
while [ "${a:0:$((n + 1))}" = "${b:0:$((n + 1))}" ]; do n=$((n + 1)); done
common=${a:0:$n}
upper_colons=$(tr a-f A-F <<<"$common" | sed 's/../&:/g; s/:$//')
expect_exit 0 "$SMIME" import-cert a.pem b.pem
printf 'From: collide@example.org\nTo: collide@example.org\nSubject: ambiguous\n\nhello\n' >msg.eml

# candidates_on_stderr: both fingerprints, each at the start of a line, followed by the address.
candidates_on_stderr() {
    expect_grep "^$a collide@example.org$" err
    expect_grep "^$b collide@example.org$" err
}
for prefix in "$common" "$upper_colons"; do
    for cmd in export trust "trust --remove" "delete --yes"; do
        snapshot before
        # shellcheck disable=SC2086
        expect_exit 1 "$SMIME" $cmd "$prefix"
        expect_grep "is ambiguous" err
        candidates_on_stderr
        # shellcheck disable=SC2086
        expect_exit 1 "$SMIME" --json $cmd "$prefix"
        /usr/bin/python3 - out "$a" "$b" "${cmd%% *}" <<'PY' || fail "JSON refusal of $cmd"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert len(lines) == 1, lines
l = lines[0]
assert l["op"] == sys.argv[4] and l["status"] == "failed", l
assert "ambiguous" in l["reason"], l
assert sorted(l["candidates"]) == sorted(sys.argv[2:4]), l
PY
        expect_unchanged before
    done
    # sign --from and encrypt --to/--from name one certificate, never a choice.
    expect_exit 1 "$SMIME" --status-fd 3 sign --from "$prefix" msg.eml 3>status
    expect_grep '"op":"sign","status":"failed","reason":"fingerprint .* is ambiguous' status
    candidates_on_stderr
    [ ! -s out ] || fail "sign wrote output for an ambiguous --from"
    expect_exit 1 "$SMIME" --status-fd 3 encrypt --to "$prefix" msg.eml 3>status
    expect_grep '"op":"encrypt","status":"failed".*ambiguous' status
    candidates_on_stderr
    [ ! -s out ] || fail "encrypt wrote output for an ambiguous --to"
    # list shows both: a query lists, it does not pick.
    expect_exit 0 "$SMIME" --json list "$prefix"
    /usr/bin/python3 -c 'import json,sys; assert sorted(e["fingerprint"] for e in json.load(open("out"))) == sorted(sys.argv[1:])' \
        "$a" "$b" || fail "list $prefix"
done

# One more digit is unique: each command acts on that one certificate.
expect_exit 0 "$SMIME" export --der "${a:0:$((n + 1))}"
cmp -s out <(openssl x509 -in a.pem -outform DER) || fail "export of the longer prefix"
expect_exit 0 "$SMIME" delete --yes "${b:0:$((n + 1))}"
expect_exit 0 "$SMIME" list
expect_grep "$a" out
expect_no_grep "$b" out
"$SMIME" check || fail "keyring not clean"
echo "ambiguous-fingerprint: ok"
