#!/usr/bin/env bash
# Sign + encrypt round trips with openssl and with smime itself; decrypt then
# verify (two status lines, integrity "signature").
source "$(dirname "$0")/common.sh"
HA=$WORK/alice; HB=$WORK/bob
for h in "$HA" "$HB"; do
    "$ENC_IMPORT" "$h" trust "$PKI/ca.pem"; "$ENC_IMPORT" "$h" cert "$PKI/sub.pem"
done
import_keys "$HA" alice; import_certs "$HA" bob
import_keys "$HB" bob; import_certs "$HB" alice
# 7-bit text, so signing does not re-encode it (8bit parts become base64 for signing)
make_message "$WORK/msg8.eml"
sed 's/Grüße/Regards/; s/8bit/7bit/' "$WORK/msg8.eml" > "$WORK/msg.eml"
printf 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\n' > "$WORK/entity"
body_of "$WORK/msg.eml" >> "$WORK/entity"

# smime encrypt --sign -> openssl decrypt (bob's key and alice's own key) -> openssl verify
rc=0; smime_status "$WORK/se.status" --home "$HA" encrypt --sign "$WORK/msg.eml" > "$WORK/se.eml" 2>"$WORK/se.err" || rc=$?
[ $rc = 0 ] || { cat "$WORK/se.err"; fail "encrypt --sign: exit $rc"; }
head -n1 "$WORK/se.status" | grep -q '"op":"sign","status":"ok"' || fail "sign status first: $(cat "$WORK/se.status")"
grep -q '"op":"encrypt","status":"ok"' "$WORK/se.status" || fail "encrypt status"
for who in bob alice; do
    openssl cms -decrypt -in "$WORK/se.eml" -recip "$PKI/$who.pem" -inkey "$PKI/$who.key" > "$WORK/se-$who.dec" \
        || fail "openssl: $who cannot decrypt the signed+encrypted message"
done
openssl cms -verify -in "$WORK/se-bob.dec" -CAfile "$PKI/ca.pem" -certfile "$PKI/sub.pem" > "$WORK/se.ver" 2>"$WORK/se.verr" \
    || { cat "$WORK/se.verr"; fail "openssl cannot verify the signature inside"; }
tr -d '\r' < "$WORK/se.ver" | sed '1,/^$/d' | cmp - <(body_of "$WORK/msg.eml") || fail "signed content differs"
echo "ok: smime encrypt --sign -> openssl decrypt + verify (sender can read it too)"

# smime -> smime: decrypt, then verify; two status lines
rc=0; smime_status "$WORK/sd.status" --home "$HB" decrypt "$WORK/se.eml" > "$WORK/sd.out" 2>"$WORK/sd.err" || rc=$?
[ $rc = 0 ] || { cat "$WORK/sd.err" "$WORK/sd.status"; fail "decrypt of signed content: exit $rc"; }
head -n1 "$WORK/sd.status" | grep -q '"op":"decrypt","status":"ok".*"integrity":"signature"' || fail "decrypt line: $(cat "$WORK/sd.status")"
sed -n 2p "$WORK/sd.status" | grep -q '"op":"verify","status":"ok"' || fail "verify line: $(cat "$WORK/sd.status")"
header_of "$WORK/sd.out" X-SMIME-Encryption | grep -q 'integrity="signature"' || fail "encryption header"
header_of "$WORK/sd.out" X-SMIME-Signature | grep -q '^ok; signer="alice@example.org"' || fail "signature header"
body_of "$WORK/sd.out" | cmp - <(body_of "$WORK/msg.eml") || fail "smime -> smime body"
echo "ok: smime encrypt --sign -> smime decrypt (decrypt + verify)"

# openssl sign, then encrypt -> smime decrypt + verify
openssl cms -sign -in "$WORK/entity" -signer "$PKI/alice.pem" -inkey "$PKI/alice.key" -certfile "$PKI/sub.pem" \
    > "$WORK/os.signed"
openssl cms -encrypt -aes-256-gcm -in "$WORK/os.signed" -from alice@example.org -to bob@example.org \
    -subject "quarterly numbers" "$PKI/bob.pem" > "$WORK/os.eml"
rc=0; smime_status "$WORK/os.status" --home "$HB" decrypt "$WORK/os.eml" > "$WORK/os.out" 2>"$WORK/os.err" || rc=$?
[ $rc = 0 ] || { cat "$WORK/os.err" "$WORK/os.status"; fail "openssl sign+encrypt -> smime: exit $rc"; }
grep -q '"op":"verify","status":"ok"' "$WORK/os.status" || fail "verify of openssl's signature"
grep -q '"integrity":"aead"' "$WORK/os.status" || fail "GCM integrity"
body_of "$WORK/os.out" | cmp - <(body_of "$WORK/msg.eml") || fail "openssl sign+encrypt body"
echo "ok: openssl sign + encrypt -> smime decrypt + verify"

# A signature that does not verify inside: exit 1, both lines.
sed 's/the numbers/THE NUMBERS/' "$WORK/os.signed" > "$WORK/bad.signed"
openssl cms -encrypt -aes256 -in "$WORK/bad.signed" -from alice@example.org -to bob@example.org \
    -subject "quarterly numbers" "$PKI/bob.pem" > "$WORK/bad.eml"
rc=0; smime_status "$WORK/bad.status" --home "$HB" decrypt "$WORK/bad.eml" > "$WORK/bad.out" 2>/dev/null || rc=$?
[ $rc = 1 ] || fail "bad signature inside: exit $rc"
grep -q '"op":"decrypt","status":"ok".*"integrity":"none"' "$WORK/bad.status" || fail "bad: decrypt line"
grep -q '"op":"verify","status":"failed"' "$WORK/bad.status" || fail "bad: verify line"
echo "ok: bad signature inside -> exit 1"

# --sign without a key for the sender: goes on unsigned (sign none), encrypt ok, exit 0;
# --require-sign: nothing written, exit 1.
HC=$WORK/carol; import_certs "$HC" bob
rc=0; smime_status "$WORK/nk.status" --home "$HC" encrypt --sign "$WORK/msg.eml" > "$WORK/nk.eml" 2>/dev/null || rc=$?
[ $rc = 0 ] || fail "--sign without key: exit $rc"
grep -q '"op":"sign","status":"none"' "$WORK/nk.status" || fail "sign none"
grep -q '"op":"encrypt","status":"ok"' "$WORK/nk.status" || fail "encrypt ok"
openssl cms -decrypt -in "$WORK/nk.eml" -recip "$PKI/bob.pem" -inkey "$PKI/bob.key" | tr -d '\r' | cmp - "$WORK/entity" \
    || fail "unsigned fallback content"
rc=0; "$SMIME" --home "$HC" encrypt --sign --require-sign "$WORK/msg.eml" > "$WORK/rk.eml" 2>/dev/null || rc=$?
[ $rc = 1 ] || fail "--require-sign without key: exit $rc"
[ ! -s "$WORK/rk.eml" ] || fail "--require-sign wrote something"
echo "ok: --sign / --require-sign without a key"
