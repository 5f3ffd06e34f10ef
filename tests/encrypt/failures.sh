#!/usr/bin/env bash
# Every failure exits 1 with the failed status, the X-SMIME-Encryption header
# and the SPEC failure output (original headers, "Could not decrypt message"
# plus the reason, the original attached unchanged as message/rfc822).
source "$(dirname "$0")/common.sh"
command -v python3 >/dev/null || { echo "python3 missing: skip"; exit 77; }
HOME_A=$WORK/alice; import_keys "$HOME_A" alice; import_certs "$HOME_A" bob
HOME_B=$WORK/bob; import_keys "$HOME_B" bob
make_message "$WORK/msg.eml"

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
# Tampering (padding, tag, key: all read the same), wrapping, forged headers
# and truncated input: tests/adversarial/.

# Wrong key: encrypted for alice only, bob holds no key for it.
openssl cms -encrypt -aes256 -in "$WORK/msg.eml" -subject "quarterly numbers" "$PKI/alice.pem" > "$WORK/to-alice.eml"
expect_failure wrong-key "$WORK/to-alice.eml" "no private key for any recipient"

# Not encrypted: passed through with "none", exit 3.
rc=0; smime_status "$WORK/none.status" --home "$HOME_B" decrypt "$WORK/msg.eml" > "$WORK/none.out" || rc=$?
[ $rc = 3 ] || fail "plain message: exit $rc"
grep -q '"op":"decrypt","status":"none"' "$WORK/none.status" || fail "none status"
[ "$(header_of "$WORK/none.out" X-SMIME-Encryption)" = none ] || fail "none header"
echo "ok: not encrypted"

