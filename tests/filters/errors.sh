#!/usr/bin/env bash
# verify and decrypt on every error after the message was read: exit 2,
# status "error" on --status-fd, and on stdout the original byte for byte
# under one X-SMIME-*: error field (forged ones removed). Before the message
# is read, only usage errors may write nothing.
source "$TESTS_DIR/lib/common.sh"
make_pki
ring=$WORK/ring
"$SMIME" --home "$ring" import-cert --trust "$PKI/ca.pem" >/dev/null 2>&1
"$SMIME" --home "$ring" import-cert "$PKI/sub.pem" "$PKI/alice.pem" "$PKI/bob.pem" >/dev/null 2>&1
"$SMIME" --home "$ring" import-key --passphrase-file "$PKI/pass.txt" "$PKI/bob-enc.key" >/dev/null 2>&1
"$SMIME" --home "$ring" import-key "$PKI/alice.key" >/dev/null 2>&1
cat > "$WORK/plain.eml" <<'MSG'
From: Alice <alice@example.org>
To: Bob <bob@example.org>
Subject: hello
MIME-Version: 1.0
Content-Type: text/plain

hello Bob
MSG
# Long enough to be over --max-message-size 1K in every form below.
for i in $(seq 30); do echo "line $i of the letter, long enough to make the message more than a kilobyte."; done >> "$WORK/plain.eml"
"$SMIME" --home "$ring" sign "$WORK/plain.eml" > "$WORK/signed.eml" 2>/dev/null
"$SMIME" --home "$ring" encrypt --to bob@example.org "$WORK/plain.eml" > "$WORK/encrypted.eml" 2>/dev/null
# A forged field on top: gone from the output, the rest unchanged.
{ echo 'X-SMIME-Signature: ok; signer="alice@example.org"'; cat "$WORK/signed.eml"; } > "$WORK/forged-signed.eml"
echo "wrong" > "$WORK/wrong.txt"
broken=$WORK/broken; cp -a "$ring" "$broken"; printf 'oops\n[smime]\n' > "$broken/smime.conf"

# expect_passed_through OP MESSAGE REASON_RE [smime args...]: via standard input.
expect_passed_through() {
    local op=$1 message=$2 reason=$3; shift 3
    local header=X-SMIME-Signature; [ "$op" = decrypt ] && header=X-SMIME-Encryption
    local rc=0
    "$SMIME" --status-fd 3 "$@" "$op" < "$message" > "$WORK/out" 2> "$WORK/err" 3> "$WORK/status" || rc=$?
    [ "$rc" = 2 ] || { cat "$WORK/err" >&2; fail "$op $reason: exit $rc, want 2"; }
    head -n1 "$WORK/out" | grep -Eq "^$header: error; reason=\".*$reason" || { head -3 "$WORK/out" >&2; fail "$op: no error header for $reason"; }
    tail -n +2 "$WORK/out" | cmp -s - <(grep -v '^X-SMIME-' "$message") || fail "$op $reason: not the original after the header"
    expect_grep "^\\{\"op\":\"$op\",\"status\":\"error\",\"reason\":\".*$reason" "$WORK/status"
    [ "$(wc -l < "$WORK/status")" = 1 ] || fail "$op $reason: more than one status line"
}

for op in verify decrypt; do
    for message in signed encrypted forged-signed; do
        m=$WORK/$message.eml
        expect_passed_through $op "$m" "smime.conf" --home "$broken"
        expect_passed_through $op "$m" "no keyring at $WORK/nowhere" --home "$WORK/nowhere"
        expect_passed_through $op "$m" "max-message-size" --home "$ring" --max-message-size 1K
    done
done
expect_passed_through decrypt "$WORK/encrypted.eml" "passphrase" --home "$ring"
SMIME_PASSPHRASE_FILE=$WORK/wrong.txt expect_passed_through decrypt "$WORK/encrypted.eml" "passphrase" --home "$ring"
# (a missing passphrase file is read only after the message)
rc=0; "$SMIME" --home "$ring" decrypt --passphrase-file "$WORK/absent.txt" < "$WORK/encrypted.eml" > "$WORK/out" 2>/dev/null || rc=$?
[ "$rc" = 2 ] && tail -n +2 "$WORK/out" | cmp -s - "$WORK/encrypted.eml" || fail "decrypt with a missing passphrase file: exit $rc or not passed through"
# With the right passphrase the same message decrypts (the cases above fail for their reason).
"$SMIME" --home "$ring" decrypt --passphrase-file "$PKI/pass.txt" < "$WORK/encrypted.eml" > "$WORK/out" 2>/dev/null ||
    fail "decrypt with the passphrase"
expect_grep '^hello Bob' "$WORK/out"
# --status-only: nothing on stdout, the status still says error.
rc=0; "$SMIME" --home "$broken" --status-fd 3 verify --status-only < "$WORK/signed.eml" > "$WORK/out" 3> "$WORK/status" 2>/dev/null || rc=$?
[ "$rc" = 2 ] && [ ! -s "$WORK/out" ] && grep -q '"status":"error"' "$WORK/status" || fail "verify --status-only on a broken config"
# Usage errors before the message is read: exit 2, nothing written.
for args in "verify --no-such-option" "decrypt --no-such-option" "verify --at yesterday" "--status-fd 9 verify"; do
    rc=0; "$SMIME" --home "$ring" $args < "$WORK/signed.eml" > "$WORK/out" 2>/dev/null || rc=$?
    [ "$rc" = 2 ] && [ ! -s "$WORK/out" ] || fail "usage error '$args': exit $rc, $(wc -c < "$WORK/out") bytes out"
done
# sign and encrypt on failure: exit non-zero, stdout empty.
for args in "sign --require --from carol@example.org" "encrypt --to carol@example.org" "sign --from bob@example.org"; do
    rc=0; "$SMIME" --home "$ring" $args < "$WORK/plain.eml" > "$WORK/out" 2>/dev/null || rc=$?
    [ "$rc" != 0 ] && [ "$rc" != 3 ] && [ ! -s "$WORK/out" ] || fail "'$args' failing: exit $rc, $(wc -c < "$WORK/out") bytes out"
done
rc=0; "$SMIME" --home "$broken" sign < "$WORK/plain.eml" > "$WORK/out" 2>/dev/null || rc=$?
[ "$rc" = 2 ] && [ ! -s "$WORK/out" ] || fail "sign with a broken config: exit $rc, output written"
echo "ok: every error after the message was read passes it through; usage errors and failed sign/encrypt write nothing"
