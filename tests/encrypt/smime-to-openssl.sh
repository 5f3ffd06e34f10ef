#!/usr/bin/env bash
# smime encrypt -> openssl cms -decrypt: each cipher, RSA v1.5, RSA-OAEP, EC.
source "$(dirname "$0")/common.sh"
HOME_A=$WORK/alice; import_keys "$HOME_A" alice; import_certs "$HOME_A" bob carol
make_message "$WORK/msg.eml"
printf 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n' > "$WORK/expected"
body_of "$WORK/msg.eml" >> "$WORK/expected"

check() {  # check NAME TO KEYNAME smime-encrypt-args...
    local name=$1 to=$2 key=$3; shift 3
    local rc=0
    smime_status "$WORK/$name.status" --home "$HOME_A" encrypt --to "$to" "$@" "$WORK/msg.eml" \
        > "$WORK/$name.eml" 2>"$WORK/$name.err" || rc=$?
    [ $rc = 0 ] || { cat "$WORK/$name.err"; fail "$name: smime encrypt exit $rc"; }
    grep -q '"op":"encrypt","status":"ok"' "$WORK/$name.status" || fail "$name: status"
    openssl cms -decrypt -in "$WORK/$name.eml" -recip "$PKI/$key.pem" -inkey "$PKI/$key.key" \
        > "$WORK/$name.dec" 2>"$WORK/$name.oerr" || { cat "$WORK/$name.oerr"; fail "$name: openssl cannot decrypt"; }
    tr -d '\r' < "$WORK/$name.dec" | cmp - "$WORK/expected" || fail "$name: plaintext differs"
    # Outer headers kept, Bcc never written, the right MIME type.
    [ "$(header_of "$WORK/$name.eml" Subject)" = "quarterly numbers" ] || fail "$name: Subject"
    [ "$(header_of "$WORK/$name.eml" Message-ID)" = "<q1@example.org>" ] || fail "$name: Message-ID"
    echo "ok: $name ($(header_of "$WORK/$name.eml" Content-Type))"
}
for c in aes128-cbc aes256-cbc aes128-gcm aes256-gcm; do
    check "rsa-$c" bob@example.org bob --cipher "$c"
    check "oaep-$c" bob@example.org bob --cipher "$c" --oaep
    check "ec-$c" carol@example.org carol --cipher "$c"
done
check default bob@example.org bob
header_of "$WORK/default.eml" Content-Type | grep -q 'smime-type=enveloped-data; name=smime.p7m' || fail "CBC type"
header_of "$WORK/rsa-aes256-gcm.eml" Content-Type | grep -q 'smime-type=authEnveloped-data' || fail "GCM type"
grep -q '"cipher":"aes256-cbc"' "$WORK/default.status" || fail "default cipher"

# Recipient from the message's To; Bcc stays out of the output.
sed 's/^To: .*/To: Bob <bob@example.org>\nBcc: bob@example.org/' "$WORK/msg.eml" > "$WORK/bcc.eml"
"$SMIME" --home "$HOME_A" encrypt "$WORK/bcc.eml" > "$WORK/bcc.out"
! grep -qi '^Bcc:' "$WORK/bcc.out" || fail "Bcc written"
openssl cms -decrypt -in "$WORK/bcc.out" -recip "$PKI/bob.pem" -inkey "$PKI/bob.key" | tr -d '\r' | cmp - "$WORK/expected"
echo "ok: recipient from To/Bcc"

# A 1 MiB binary-ish body survives the round trip through openssl.
{ printf 'To: bob@example.org\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n'
  head -c 1048576 /dev/urandom | base64; } > "$WORK/big.eml"
"$SMIME" --home "$HOME_A" encrypt --cipher aes256-gcm "$WORK/big.eml" > "$WORK/big.out"
openssl cms -decrypt -in "$WORK/big.out" -recip "$PKI/bob.pem" -inkey "$PKI/bob.key" | tr -d '\r' | sed '1,/^$/d' \
    | cmp - <(sed '1,/^$/d' "$WORK/big.eml") || fail "big message"
echo "ok: 1 MiB"
