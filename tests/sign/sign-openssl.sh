#!/usr/bin/env bash
# smime sign → openssl cms -verify: detached and opaque, RSA, RSA-PSS, ECDSA,
# SHA-256/384/512, and tampered copies that openssl must reject.
# Ed25519: OpenSSL 3.0 cannot verify CMS Ed25519 (openssl/openssl#11915,
# #32248), so Ed25519 is only checked against our own verify here.
. "$TESTS_DIR/sign/common.sh"
setup_keyring || { echo "keyring set-up failed"; exit 1; }

ossl_verify() {  # FILE [OUT]
    openssl cms -verify -in "$1" -CAfile "$pki/ca.pem" -purpose smimesign -out "${2:-/dev/null}" >/dev/null 2>&1
}

for who in alice carol; do
    for digest in sha256 sha384 sha512; do
        for mode in detached opaque; do
            message "$who@example.org" >"$work/in.eml"
            flag=; [ $mode = opaque ] && flag=--opaque
            if ! smime sign --digest $digest $flag "$work/in.eml" >"$work/out.eml" 2>"$work/err"; then
                fail "sign $who $digest $mode: $(cat "$work/err")"
                continue
            fi
            if [ $mode = detached ]; then
                grep -q "micalg=sha-${digest#sha}" "$work/out.eml" || fail "micalg for $digest missing"
            else
                grep -q "smime-type=signed-data" "$work/out.eml" || fail "opaque content type missing"
            fi
            if ossl_verify "$work/out.eml" "$work/content"; then
                grep -q "Hello, this is a test." "$work/content" && pass "openssl verifies $who $digest $mode" ||
                    fail "openssl content differs for $who $digest $mode"
            else
                fail "openssl rejects $who $digest $mode"
            fi
            # Outer headers stay outside, in the order given.
            grep -q '^Subject: test' "$work/out.eml" || fail "Subject lost ($who $digest $mode)"
            # One changed body byte must break it.
            if [ $mode = detached ]; then
                sed 's/Hello, this/Hello, thiS/' "$work/out.eml" >"$work/bad.eml"
                ossl_verify "$work/bad.eml" && fail "openssl accepts tampered $who $digest" || pass "openssl rejects tampered $who $digest"
            fi
        done
    done
done

# Signed attributes: signingTime and SMIMECapabilities, chain without root.
message alice@example.org >"$work/in.eml"
smime sign "$work/in.eml" >"$work/out.eml"
openssl cms -cmsout -print -in "$work/out.eml" >"$work/print" 2>/dev/null
grep -q "signingTime" "$work/print" && pass "signingTime present" || fail "no signingTime"
grep -q "S/MIME Capabilities" "$work/print" && pass "SMIMECapabilities present" || fail "no SMIMECapabilities"
grep -q "aes-256-gcm\|id-aes256-GCM" "$work/print" && pass "announces AES-256-GCM" || fail "AES-256-GCM not announced"
ncerts=$(openssl cms -cmsout -print -in "$work/out.eml" 2>/dev/null | grep -c "subject: ")
[ "$ncerts" = 2 ] && pass "signer and sub CA included, root not" || fail "expected 2 certificates, got $ncerts"

# RSA-PSS
smime sign --pss "$work/in.eml" >"$work/pss.eml" || fail "sign --pss"
openssl cms -cmsout -print -in "$work/pss.eml" 2>/dev/null | grep -q rsassaPss && pass "--pss gives rsassaPss" || fail "--pss not PSS"
ossl_verify "$work/pss.eml" && pass "openssl verifies RSA-PSS" || fail "openssl rejects RSA-PSS"
smime sign --pss --opaque --digest sha384 "$work/in.eml" >"$work/pss-opaque.eml" || fail "sign --pss --opaque"
openssl cms -cmsout -print -in "$work/pss-opaque.eml" 2>/dev/null | grep -q rsassaPss || fail "--pss --opaque not PSS"
ossl_verify "$work/pss-opaque.eml" "$work/content" && grep -q "^Subject\|^Content-Type" "$work/content" &&
    pass "openssl verifies opaque RSA-PSS with SHA-384" || fail "openssl rejects opaque RSA-PSS"

# 8-bit content is re-encoded before signing and still verifies.
printf 'From: alice@example.org\nSubject: 8bit\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nGr\xc3\xbc\xc3\x9fe aus M\xc3\xbcnchen\n' >"$work/8bit.eml"
smime sign "$work/8bit.eml" >"$work/8bit-out.eml" || fail "sign 8bit"
LC_ALL=C grep -q $'[\x80-\xff]' "$work/8bit-out.eml" && fail "8-bit bytes in signed output" || pass "signed output is 7-bit"
ossl_verify "$work/8bit-out.eml" "$work/content" && grep -q "Content-Transfer-Encoding: quoted-printable\|Content-Transfer-Encoding: base64" "$work/content" &&
    pass "8bit re-encoded and verified" || fail "8bit message does not verify"

# Large bodies are hashed while a second thread scans them: 7-bit ones sign
# as they stand, an 8-bit byte deep in one still sends it the re-encoding way.
big_body() {  # BYTE-AT-THE-END
    printf 'From: alice@example.org\nSubject: big\nContent-Type: text/plain; charset=utf-8\n\n'
    awk 'BEGIN { for (i = 1; i <= 80000; i++) printf "line %06d of a body large enough for the second thread\n", i }'
    printf "last line $1\n"
}
big_body plain >"$work/big.eml"
big_body $'\xc3\xbc' >"$work/big8.eml"
for mode in detached opaque; do
    flag=; [ $mode = opaque ] && flag=--opaque
    smime sign $flag "$work/big.eml" >"$work/big-out.eml" && ossl_verify "$work/big-out.eml" "$work/content" &&
        grep -q "last line plain" "$work/content" && ! grep -q "Content-Transfer-Encoding: quoted" "$work/content" &&
        pass "$mode sign of a 4.6 MB 7-bit body verified by openssl" || fail "$mode sign of a large 7-bit body"
    smime sign $flag "$work/big8.eml" >"$work/big8-out.eml" && ossl_verify "$work/big8-out.eml" "$work/content" &&
        grep -q "Content-Transfer-Encoding: quoted-printable\|Content-Transfer-Encoding: base64" "$work/content" &&
        pass "$mode sign of a large body with one 8-bit byte re-encodes it" || fail "$mode sign of a large 8-bit body"
done

# No Content-Type: signed as text/plain.
printf 'From: alice@example.org\nSubject: bare\n\nbare body\n' >"$work/bare.eml"
smime sign "$work/bare.eml" >"$work/bare-out.eml" && ossl_verify "$work/bare-out.eml" "$work/content" &&
    grep -qi "^Content-Type: text/plain" "$work/content" && pass "message without Content-Type signed as text/plain" ||
    fail "message without Content-Type"

# Ed25519 round trip (SHA-512 whatever is asked, RFC 8419).
message dave@example.org >"$work/ed.eml"
smime sign --digest sha256 "$work/ed.eml" >"$work/ed-out.eml" || fail "sign Ed25519"
grep -q "micalg=sha-512" "$work/ed-out.eml" && pass "Ed25519 uses sha-512" || fail "Ed25519 micalg"
verify_status "$work/ed-out.eml" ok

# No key: pass-through and exit 3; --require: nothing written, exit 1.
message nobody@example.org >"$work/nokey.eml"
expect_rc 3 smime sign "$work/nokey.eml" >"$work/nokey-out.eml" 2>/dev/null && cmp -s "$work/nokey.eml" "$work/nokey-out.eml" &&
    pass "no key: unchanged, exit 3" || fail "no key pass-through"
expect_rc 1 smime sign --require "$work/nokey.eml" >"$work/nokey-out.eml" 2>/dev/null && [ ! -s "$work/nokey-out.eml" ] &&
    pass "no key --require: nothing written, exit 1" || fail "no key --require"

# Passphrase-protected key
home2=$work/home2
"$SMIME" --home "$home2" import-cert "$pki/sub.pem" "$pki/bob.pem" >/dev/null 2>&1
"$SMIME" --home "$home2" import-key --passphrase-file "$pki/pass.txt" "$pki/bob-enc.key" >/dev/null 2>&1
message bob@example.org >"$work/bob.eml"
expect_rc 2 "$SMIME" --home "$home2" sign "$work/bob.eml" >/dev/null 2>&1 && pass "encrypted key without passphrase: exit 2"
"$SMIME" --home "$home2" sign --passphrase-file "$pki/pass.txt" "$work/bob.eml" >"$work/bob-out.eml" && ossl_verify "$work/bob-out.eml" &&
    pass "signs with a passphrase-protected key" || fail "passphrase-protected key"
finish
