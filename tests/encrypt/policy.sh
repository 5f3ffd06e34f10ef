#!/usr/bin/env bash
# Recipient rules and --policy: exactly one recipient with a usable
# certificate, else nothing written and exit 1 (required) or the message
# unencrypted with status none and exit 3 (if-possible).
source "$(dirname "$0")/common.sh"
H=$WORK/home; import_keys "$H" alice; import_certs "$H" bob carol expired revoked dave
"$ENC_IMPORT" "$H" cert "$PKI/noemail.pem" 2>/dev/null || true
make_message "$WORK/msg.eml"

expect() {  # expect NAME EXIT STATUS REASON smime-encrypt-args...
    local name=$1 want=$2 status=$3 reason=$4 rc=0; shift 4
    smime_status "$WORK/$name.status" --home "$H" encrypt "$@" > "$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
    [ $rc = "$want" ] || { cat "$WORK/$name.err"; fail "$name: exit $rc, expected $want"; }
    grep -q "\"op\":\"encrypt\",\"status\":\"$status\"" "$WORK/$name.status" || fail "$name: $(cat "$WORK/$name.status")"
    [ -z "$reason" ] || grep -qF "\"reason\":\"$reason" "$WORK/$name.status" || fail "$name: reason $(cat "$WORK/$name.status")"
    echo "ok: $name"
}
sed 's/^To: .*/To: bob@example.org, carol@example.org/' "$WORK/msg.eml" > "$WORK/two.eml"
expect two-required 1 failed "more than one recipient" "$WORK/two.eml"
[ ! -s "$WORK/two-required.out" ] || fail "something written under required"
expect two-if-possible 3 none "more than one recipient" --policy if-possible "$WORK/two.eml"
cmp "$WORK/two-if-possible.out" "$WORK/two.eml" || fail "if-possible: message changed"
sed 's/^To: .*/To: bob@example.org\nCc: Carol <carol@example.org>/' "$WORK/msg.eml" > "$WORK/cc.eml"
expect cc-counts 1 failed "more than one recipient" "$WORK/cc.eml"
sed 's/^To: .*/To: bob@example.org\nCc: BOB@example.org/' "$WORK/msg.eml" > "$WORK/dup.eml"
expect same-address-twice 0 ok "" "$WORK/dup.eml"
expect to-overrides 0 ok "" --to carol@example.org "$WORK/two.eml"
expect unknown 1 failed "no certificate for recipient" --to nobody@example.org "$WORK/msg.eml"
expect unknown-if-possible 3 none "no certificate for recipient" --policy if-possible --to nobody@example.org "$WORK/msg.eml"
expect expired 1 failed "no usable certificate for recipient: certificate has expired" --to old@example.org "$WORK/msg.eml"
expect no-encryption-key 1 failed "no usable certificate" --to dave@example.org "$WORK/msg.eml"
sed '/^To: /d' "$WORK/msg.eml" > "$WORK/noto.eml"
expect no-recipient 1 failed "no recipient" "$WORK/noto.eml"
rc=0; "$SMIME" --home "$H" encrypt --cipher des3-cbc --to bob@example.org "$WORK/msg.eml" >/dev/null 2>&1 || rc=$?
[ $rc = 2 ] || fail "3DES for encryption: exit $rc, expected 2 (usage)"
rc=0; "$SMIME" --home "$H" encrypt --policy sometimes "$WORK/msg.eml" >/dev/null 2>&1 || rc=$?
[ $rc = 2 ] || fail "bad policy: exit $rc"
# Revoked by an imported CRL (when the keyring CLI can import CRLs).
"$ENC_IMPORT" "$H" cert "$PKI/sub.pem" "$PKI/ca.pem"
if "$SMIME" --home "$H" import-crl "$PKI/crl.pem" >/dev/null 2>&1; then
    expect revoked 1 failed "no usable certificate for recipient: certificate is revoked" --to revoked@example.org "$WORK/msg.eml"
fi
# Cipher from config, then from --cipher.
printf '[smime]\ndefault-cipher=aes128-gcm\n' > "$H/smime.conf"
expect config-cipher 0 ok "" --to bob@example.org "$WORK/msg.eml"
grep -q '"cipher":"aes128-gcm"' "$WORK/config-cipher.status" || fail "config cipher not used"
expect cli-cipher 0 ok "" --to bob@example.org --cipher aes128-cbc "$WORK/msg.eml"
grep -q '"cipher":"aes128-cbc"' "$WORK/cli-cipher.status" || fail "--cipher not used"
# Header protection: the outer Subject is "...", decrypt gives the real one back.
H2=$WORK/bob; import_keys "$H2" bob
"$SMIME" --home "$H" encrypt --protect-headers --to bob@example.org "$WORK/msg.eml" > "$WORK/prot.eml"
[ "$(header_of "$WORK/prot.eml" Subject)" = "..." ] || fail "outer subject not hidden"
"$SMIME" --home "$H2" decrypt "$WORK/prot.eml" > "$WORK/prot.out"
[ "$(header_of "$WORK/prot.out" Subject)" = "quarterly numbers" ] || fail "protected subject not restored"
body_of "$WORK/prot.out" | cmp - <(body_of "$WORK/msg.eml") || fail "protected body"
echo "ok: protect-headers"
