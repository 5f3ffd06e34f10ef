#!/usr/bin/env bash
# smime verify's security rules (SPEC "verify"), each with a message made by
# openssl so that only the rule under test can make it fail.
. "$TESTS_DIR/sign/common.sh"
setup_keyring || { echo "keyring set-up failed"; exit 1; }

printf 'Content-Type: text/plain\n\nSigned text.\n' >"$work/body.txt"
# osign WHO OUT [openssl cms args...]: detached signature, no headers added
source "$TESTS_DIR/lib/openssl-sign.sh"
osign() { openssl_sign_detached "$pki" "$work/body.txt" "$@" || fail "openssl cms -sign $1"; }
# with_headers HEADERS IN OUT: puts header lines (\n-separated) on top
with_headers() { { printf '%b' "$1"; cat "$2"; } >"$3"; }

osign alice "$work/plain.eml"
with_headers 'From: Alice <alice@example.org>\n' "$work/plain.eml" "$work/good.eml"
verify_status "$work/good.eml" ok

# From matching (the tricks against it: tests/adversarial/spoofing.sh)
with_headers 'From: ALICE@Example.ORG\n' "$work/plain.eml" "$work/case.eml"
verify_status "$work/case.eml" ok
with_headers 'From: bob@example.org\n' "$work/plain.eml" "$work/other.eml"
verify_status "$work/other.eml" failed "signer alice@example.org does not match From bob@example.org"
# --no-sender-check
smime verify --no-sender-check "$work/other.eml" >"$work/out.eml" 2>/dev/null
grep -q 'X-SMIME-Signature: ok; signer="alice@example.org"; fingerprint="[0-9a-f]*"; sender-check="off"' "$work/out.eml" &&
    pass "--no-sender-check says so" || fail "--no-sender-check header: $(grep X-SMIME "$work/out.eml")"

# Certificates
openssl cms -sign -signer "$pki/selfsigned.pem" -inkey "$pki/selfsigned.key" -in "$work/body.txt" -out "$work/ss.eml" 2>/dev/null
smime trust "$(openssl x509 -in "$pki/selfsigned.pem" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)" >/dev/null 2>&1
with_headers 'From: eve@example.org\n' "$work/ss.eml" "$work/ss2.eml"
verify_status "$work/ss2.eml" failed "self-signed"
osign expired "$work/exp.eml"
with_headers 'From: old@example.org\n' "$work/exp.eml" "$work/exp2.eml"
verify_status "$work/exp2.eml" failed "certificate expired on 2020-01-02"
# --at judges validity as of that time (and names it).
later=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)
smime --status-fd 3 verify --status-only --at "$later" "$work/good.eml" 3>"$work/st" 2>/dev/null
grep -q "\"status\":\"ok\".*\"at\":\"$later\"" "$work/st" && pass "--at $later: ok" || fail "--at: $(cat "$work/st")"
smime --status-fd 3 verify --status-only --at 2040-01-01 "$work/good.eml" 3>"$work/st" 2>/dev/null
grep -q '"status":"failed".*expired on' "$work/st" && pass "--at 2040-01-01: expired" || fail "--at 2040: $(cat "$work/st")"
osign revoked "$work/rev.eml"
with_headers 'From: revoked@example.org\n' "$work/rev.eml" "$work/rev2.eml"
verify_status "$work/rev2.eml" failed "revoked"
osign noemail "$work/ne.eml"
with_headers 'From: alice@example.org\n' "$work/ne.eml" "$work/ne2.eml"
verify_status "$work/ne2.eml" failed "carries no email address"
# user_cert NAME EMAIL KEYUSAGE EKU: a certificate from the sub CA with these
# extensions, and a message NAME2.eml signed with it (From: EMAIL)
user_cert() {
    local name=$1 email=$2 serial=$((900 + RANDOM % 1000))
    printf '[ext]\nbasicConstraints = CA:false\nkeyUsage = critical, %s\nextendedKeyUsage = %s\nsubjectAltName = email:%s\n' \
        "$3" "$4" "$email" >"$work/$name.cnf"
    openssl req -new -newkey rsa:2048 -nodes -keyout "$work/$name.key" -subj "/CN=$name" -out "$work/$name.csr" 2>/dev/null
    openssl x509 -req -in "$work/$name.csr" -CA "$pki/sub.pem" -CAkey "$pki/sub.key" -set_serial $serial -days 30 \
        -extfile "$work/$name.cnf" -extensions ext -out "$work/$name.pem" 2>/dev/null
    openssl cms -sign -signer "$work/$name.pem" -inkey "$work/$name.key" -certfile "$pki/sub.pem" \
        -in "$work/body.txt" -out "$work/$name.eml" 2>/dev/null
    with_headers "From: $email\n" "$work/$name.eml" "$work/${name}2.eml"
}
# KeyUsage without digitalSignature/nonRepudiation
user_cert kim kim@example.org keyEncipherment emailProtection
verify_status "$work/kim2.eml" failed "key usage"
# ExtendedKeyUsage serverAuth only
user_cert web web@example.org digitalSignature serverAuth
verify_status "$work/web2.eml" failed "email protection"
# No trust anchor (an empty keyring; a missing one is an error, see tests/filters/errors.sh)
mkdir -p "$work/empty"
"$SMIME" --home "$work/empty" --status-fd 3 verify --status-only "$work/good.eml" 3>"$work/st" 2>/dev/null
grep -q '"status":"failed".*trust anchor' "$work/st" && pass "no anchor: failed" || fail "no anchor: $(cat "$work/st")"
# Missing intermediate (not carried, not in the keyring)
openssl cms -sign -signer "$pki/alice.pem" -inkey "$pki/alice.key" -in "$work/body.txt" -out "$work/noint.eml" 2>/dev/null
with_headers 'From: alice@example.org\n' "$work/noint.eml" "$work/noint2.eml"
"$SMIME" --home "$work/anchor-only" import-cert --trust "$pki/ca.pem" >/dev/null 2>&1
"$SMIME" --home "$work/anchor-only" --status-fd 3 verify --status-only "$work/noint2.eml" 3>"$work/st" 2>/dev/null
grep -q '"status":"failed"' "$work/st" && pass "missing intermediate: failed" || fail "missing intermediate: $(cat "$work/st")"

# CMS structure, several signers, wrapping, forged headers and bad input:
# tests/adversarial/.

# Not signed at all: none, exit 3, message unchanged plus the header.
printf 'From: alice@example.org\nSubject: plain\n\nNot signed.\n' >"$work/unsigned.eml"
verify_status "$work/unsigned.eml" none
smime verify "$work/unsigned.eml" >"$work/out.eml" 2>/dev/null
{ printf 'X-SMIME-Signature: none; reason="the message is not signed"\n'; cat "$work/unsigned.eml"; } | cmp -s - "$work/out.eml" &&
    pass "none: original plus header" || fail "none output: $(cat "$work/out.eml")"

# --status-only writes nothing; verify never writes the keyring without --learn.
before=$(find "$home" -type f | sort | xargs cat | sha256sum)
[ -z "$(smime verify --status-only "$work/good.eml" 2>/dev/null)" ] && pass "--status-only: no stdout" || fail "--status-only wrote"
[ "$(find "$home" -type f | sort | xargs cat | sha256sum)" = "$before" ] && pass "verify leaves the keyring alone" || fail "verify wrote the keyring"

# --learn stores the signer's certificate and chain.
learn=$work/learn
"$SMIME" --home "$learn" import-cert --trust "$pki/ca.pem" >/dev/null 2>&1
message alice@example.org >"$work/l.eml"
smime sign "$work/l.eml" >"$work/l-signed.eml"
"$SMIME" --home "$learn" verify --status-only "$work/l-signed.eml" 2>/dev/null || fail "learn: verify without the sub CA"
"$SMIME" --home "$learn" list alice@example.org 2>/dev/null | grep -q alice && fail "alice known before --learn"
"$SMIME" --home "$learn" verify --learn --status-only "$work/l-signed.eml" 2>/dev/null || fail "verify --learn"
"$SMIME" --home "$learn" list alice@example.org 2>/dev/null | grep -q alice && pass "--learn stored the signer" || fail "--learn did not store the signer"
alice_fpr=$(openssl x509 -in "$pki/alice.pem" -outform DER | sha256sum | cut -c1-64)
# the SMIMECapabilities we announce start with AES-256-GCM (2.16.840.1.101.3.4.1.46)
grep -qi "060960864801650304012e" "$learn/caps/$alice_fpr" 2>/dev/null && pass "--learn stored capabilities" ||
    fail "--learn: no capabilities in $learn/caps/$alice_fpr"
# Nothing learned from an invalid signature.
learn2=$work/learn2
"$SMIME" --home "$learn2" import-cert --trust "$pki/ca.pem" >/dev/null 2>&1
"$SMIME" --home "$learn2" verify --learn --status-only "$work/other.eml" 2>/dev/null
"$SMIME" --home "$learn2" list alice@example.org 2>/dev/null | grep -q alice && fail "--learn stored from a failed signature" || pass "--learn ignores failed signatures"

# An mbox envelope line (what procmail filters see first) is kept in front
# and does not hide the headers.
{ echo "From alice@example.org Thu Nov 26 10:00:00 2026"; cat "$work/good.eml"; } >"$work/mbox.eml"
verify_status "$work/mbox.eml" ok
smime verify "$work/mbox.eml" 2>/dev/null | head -1 | grep -q '^From alice@example.org Thu' && pass "envelope line kept" ||
    fail "envelope line lost"
{ echo "From alice@example.org Thu Nov 26 10:00:00 2026"; message alice@example.org; } >"$work/mbox-in.eml"
smime sign "$work/mbox-in.eml" >"$work/mbox-signed.eml" 2>/dev/null
head -1 "$work/mbox-signed.eml" | grep -q '^From alice@example.org Thu' && sed 1d "$work/mbox-signed.eml" |
    openssl cms -verify -CAfile "$pki/ca.pem" -out /dev/null >/dev/null 2>&1 &&
    pass "sign keeps the envelope line outside the signature" || fail "sign with envelope line"

finish
