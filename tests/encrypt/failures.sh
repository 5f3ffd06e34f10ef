#!/usr/bin/env bash
# Every failure exits 1 with the failed status, the X-SMIME-Encryption header
# and the SPEC failure output (original headers, "Could not decrypt message"
# plus the reason, the original attached unchanged as message/rfc822). Key,
# padding and tag errors all read the same (no oracle).
source "$(dirname "$0")/common.sh"
command -v python3 >/dev/null || { echo "python3 missing: skip"; exit 77; }
TAMPER="python3 $(dirname "$0")/tamper.py"
HOME_A=$WORK/alice; import_keys "$HOME_A" alice; import_certs "$HOME_A" bob
HOME_B=$WORK/bob; import_keys "$HOME_B" bob
make_message "$WORK/msg.eml"
SAME='decryption failed (wrong key or damaged message)'

expect_failure() {  # expect_failure NAME FILE REASON-SUBSTRING
    local name=$1 file=$2 reason=$3 rc=0
    smime_status "$WORK/$name.status" --home "$HOME_B" decrypt "$file" > "$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
    [ $rc = 1 ] || fail "$name: exit $rc, expected 1"
    grep -q '"op":"decrypt","status":"failed"' "$WORK/$name.status" || fail "$name: status $(cat "$WORK/$name.status")"
    grep -qF "\"reason\":\"$reason" "$WORK/$name.status" || fail "$name: reason $(cat "$WORK/$name.status")"
    header_of "$WORK/$name.out" X-SMIME-Encryption | grep -qF "failed; reason=\"$reason" || fail "$name: header"
    [ "$(header_of "$WORK/$name.out" Subject)" = "quarterly numbers" ] || fail "$name: original headers"
    grep -q '^Could not decrypt message' "$WORK/$name.out" || fail "$name: text"
    grep -qi '^Content-Type: message/rfc822' "$WORK/$name.out" || fail "$name: no rfc822 part"
    # The original is attached byte for byte.
    python3 - "$file" "$WORK/$name.out" <<'PY' || fail "$name: original not attached unchanged"
import sys
orig = open(sys.argv[1], 'rb').read(); out = open(sys.argv[2], 'rb').read()
sys.exit(0 if orig in out else 1)
PY
    [ -s "$WORK/$name.err" ] || fail "$name: no message on stderr"
    echo "ok: $name"
}

for c in aes256-cbc aes256-gcm; do
    "$SMIME" --home "$HOME_A" encrypt --to bob@example.org --cipher $c "$WORK/msg.eml" > "$WORK/$c.eml"
    "$SMIME" --home "$HOME_B" decrypt "$WORK/$c.eml" > /dev/null || fail "$c: untampered message does not open"
done
$TAMPER "$WORK/aes256-cbc.eml" "$WORK/cbc-pad.eml" cbc-last-block
expect_failure cbc-padding "$WORK/cbc-pad.eml" "$SAME"
$TAMPER "$WORK/aes256-gcm.eml" "$WORK/gcm-ct.eml" gcm-ciphertext
expect_failure gcm-ciphertext "$WORK/gcm-ct.eml" "$SAME"
$TAMPER "$WORK/aes256-gcm.eml" "$WORK/gcm-tag.eml" gcm-tag
expect_failure gcm-tag "$WORK/gcm-tag.eml" "$SAME"
$TAMPER "$WORK/aes256-cbc.eml" "$WORK/key.eml" key
expect_failure rsa-key "$WORK/key.eml" "$SAME"
$TAMPER "$WORK/aes256-cbc.eml" "$WORK/trunc.eml" truncate
expect_failure truncated "$WORK/trunc.eml" "malformed encrypted message"
$TAMPER "$WORK/aes256-cbc.eml" "$WORK/garbage.eml" garbage
expect_failure garbage "$WORK/garbage.eml" "malformed encrypted message"
# The GCM plaintext is never released: nothing of the body is in the output.
! grep -q 'the numbers' "$WORK/gcm-ciphertext.out" || fail "plaintext released"

# Wrong key: encrypted for alice only, bob holds no key for it.
openssl cms -encrypt -aes256 -in "$WORK/msg.eml" -subject "quarterly numbers" "$PKI/alice.pem" > "$WORK/to-alice.eml"
expect_failure wrong-key "$WORK/to-alice.eml" "no private key for any recipient"

# Not encrypted: passed through with "none", exit 3.
rc=0; smime_status "$WORK/none.status" --home "$HOME_B" decrypt "$WORK/msg.eml" > "$WORK/none.out" || rc=$?
[ $rc = 3 ] || fail "plain message: exit $rc"
grep -q '"op":"decrypt","status":"none"' "$WORK/none.status" || fail "none status"
[ "$(header_of "$WORK/none.out" X-SMIME-Encryption)" = none ] || fail "none header"
echo "ok: not encrypted"

# EFAIL: an encrypted part inside a multipart is never decrypted in place.
{ printf 'From: alice@example.org\nTo: bob@example.org\nSubject: quarterly numbers\nMIME-Version: 1.0\n'
  printf 'Content-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/html\n\n<img src="http://evil/\n--b1\n'
  sed '1,/^Content-Type/{/^Content-Type/!d}' "$WORK/aes256-cbc.eml" | sed '/^From:\|^To:\|^Subject:\|^Date:\|^Message-ID:\|^MIME-Version:/d'
  printf '\n--b1--\n'; } > "$WORK/efail.eml"
rc=0; smime_status "$WORK/efail.status" --home "$HOME_B" decrypt "$WORK/efail.eml" > "$WORK/efail.out" 2>/dev/null || rc=$?
[ $rc = 1 ] || fail "efail: exit $rc"
grep -q '"status":"failed"' "$WORK/efail.status" || fail "efail status"
! grep -q 'the numbers' "$WORK/efail.out" || fail "efail: decrypted"
body_of "$WORK/efail.out" | cmp - <(body_of "$WORK/efail.eml") || fail "efail: body changed"
echo "ok: efail"

# A forwarded encrypted message (message/rfc822 attachment) is left alone: none.
{ printf 'From: carol@example.org\nTo: bob@example.org\nSubject: fwd\nMIME-Version: 1.0\n'
  printf 'Content-Type: multipart/mixed; boundary="b2"\n\n--b2\nContent-Type: text/plain\n\nsee attached\n--b2\n'
  printf 'Content-Type: message/rfc822\n\n'; cat "$WORK/aes256-cbc.eml"; printf '\n--b2--\n'; } > "$WORK/fwd.eml"
rc=0; smime_status "$WORK/fwd.status" --home "$HOME_B" decrypt "$WORK/fwd.eml" > "$WORK/fwd.out" || rc=$?
[ $rc = 3 ] || fail "forwarded: exit $rc"
echo "ok: forwarded"

# Forged X-SMIME headers are removed.
sed 's/^Subject: /X-SMIME-Encryption: ok; recipient="forged"\nSubject: /' "$WORK/aes256-gcm.eml" > "$WORK/forged.eml"
"$SMIME" --home "$HOME_B" decrypt "$WORK/forged.eml" > "$WORK/forged.out"
[ "$(grep -c '^X-SMIME-Encryption' "$WORK/forged.out")" = 1 ] || fail "forged header kept"
! grep -q forged "$WORK/forged.out" || fail "forged header kept"
echo "ok: forged headers"
