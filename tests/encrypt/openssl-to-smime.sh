#!/usr/bin/env bash
# openssl cms -encrypt -> smime decrypt: every cipher, OAEP, EC, several recipients.
source "$(dirname "$0")/common.sh"
HOME_BOB=$WORK/bob; import_keys "$HOME_BOB" bob carol; import_certs "$HOME_BOB" alice
make_message "$WORK/msg.eml"
# openssl encrypts a MIME entity: the Content-* part of the message.
printf 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n' > "$WORK/entity"
body_of "$WORK/msg.eml" >> "$WORK/entity"
body_of "$WORK/entity" > "$WORK/expected"

check() {  # check NAME openssl-args... : encrypt with openssl, decrypt with smime
    local name=$1; shift
    if ! openssl cms -encrypt -in "$WORK/entity" -from alice@example.org -to bob@example.org \
        -subject "quarterly numbers" "$@" > "$WORK/$name.eml" 2>"$WORK/$name.err"; then
        echo "openssl cannot make $name: skipped"; cat "$WORK/$name.err"; return 0
    fi
    local rc=0
    smime_status "$WORK/$name.status" --home "$HOME_BOB" decrypt "$WORK/$name.eml" > "$WORK/$name.out" 2>"$WORK/$name.stderr" || rc=$?
    [ $rc = 0 ] || { cat "$WORK/$name.stderr"; fail "$name: exit $rc"; }
    body_of "$WORK/$name.out" | cmp - "$WORK/expected" || fail "$name: plaintext differs"
    grep -q '"op":"decrypt","status":"ok"' "$WORK/$name.status" || fail "$name: status $(cat "$WORK/$name.status")"
    header_of "$WORK/$name.out" X-SMIME-Encryption | grep -q '^ok; recipient="' || fail "$name: header"
    [ "$(header_of "$WORK/$name.out" Subject)" = "quarterly numbers" ] || fail "$name: outer Subject lost"
    echo "ok: $name ($(header_of "$WORK/$name.out" X-SMIME-Encryption))"
}
R=$PKI/bob.pem
check aes128 -aes128 "$R"
check aes192 -aes192 "$R"
check aes256 -aes256 "$R"
check aes128gcm -aes-128-gcm "$R"
check aes256gcm -aes-256-gcm "$R"
check des3 -des3 "$R"
check oaep-sha1 -aes256 -recip "$R" -keyopt rsa_padding_mode:oaep
check oaep-sha256 -aes256 -recip "$R" -keyopt rsa_padding_mode:oaep -keyopt rsa_oaep_md:sha256
check oaep-gcm -aes-256-gcm -recip "$R" -keyopt rsa_padding_mode:oaep -keyopt rsa_oaep_md:sha256
check ec-p256 -aes256 "$PKI/carol.pem"
check ec-p256-gcm -aes-128-gcm "$PKI/carol.pem"
check several -aes256 "$PKI/alice.pem" "$R" "$PKI/carol.pem"
check ski -aes256 -keyid "$R"
check ec-ski -aes256 -keyid "$PKI/carol.pem"
# RC2 needs the legacy provider in OpenSSL 3
check rc2 -rc2 -provider legacy -provider default "$R"
grep -q 'cipher="des3-cbc"' "$WORK/des3.out" || fail "des3 not named"
grep -q 'integrity="aead"' "$WORK/aes256gcm.out" || fail "gcm integrity"
grep -q 'integrity="none"' "$WORK/aes256.out" || fail "cbc integrity"
