#!/usr/bin/env bash
# Signature spoofing ("Johnny, You Are Fired", USENIX Security 2019): CMS
# eContent confusion, multiple and zero SignerInfos, a trusted but different
# signer, and From/Sender/display-name tricks against the signer's address.
source "$TESTS_DIR/adversarial/common.sh"

osign alice "$WORK/alice.p7"
with_headers 'From: Alice <alice@example.org>\n' "$WORK/alice.p7" "$WORK/good.eml"
expect_verify "$WORK/good.eml" ok

# eContent confusion: the detached signature embeds a content of its own
# (what a client showing the eContent would display) next to the first part.
printf 'Content-Type: text/plain\n\nPay 10000 EUR to Mallory.\n' >"$WORK/evil.txt"
openssl cms -sign -nodetach -signer "$PKI/alice.pem" -inkey "$PKI/alice.key" -certfile "$PKI/sub.pem" \
    -in "$WORK/evil.txt" -outform DER -out "$WORK/embedded.der" 2>/dev/null
# as_signed DER OUT: multipart/signed with body.txt and that DER as smime.p7s
as_signed() {
    { printf 'From: alice@example.org\nMIME-Version: 1.0\nContent-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="b1"\n\n--b1\n'
      cat "$WORK/body.txt"
      printf '\n--b1\nContent-Type: application/pkcs7-signature; name=smime.p7s\nContent-Transfer-Encoding: base64\n\n'
      base64 "$1"
      printf '\n--b1--\n'; } >"$2"
}
as_signed "$WORK/embedded.der" "$WORK/econtent.eml"
expect_verify "$WORK/econtent.eml" failed "carries content of its own"
# Opaque signed-data whose eContent is not MIME data (id-data) but another type.
openssl cms -sign -nodetach -econtent_type 1.2.840.113549.1.9.16.1.4 -signer "$PKI/alice.pem" -inkey "$PKI/alice.key" \
    -certfile "$PKI/sub.pem" -in "$WORK/evil.txt" -outform DER -out "$WORK/tst.der" 2>/dev/null
{ printf 'From: alice@example.org\nMIME-Version: 1.0\nContent-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m\nContent-Transfer-Encoding: base64\n\n'
  base64 "$WORK/tst.der"; } >"$WORK/econtent-type.eml"
expect_verify "$WORK/econtent-type.eml" failed "not MIME data"

# Zero SignerInfos: a certificate bundle passed off as a signature.
openssl crl2pkcs7 -nocrl -certfile "$PKI/alice.pem" -outform DER -out "$WORK/nosigner.der" 2>/dev/null
as_signed "$WORK/nosigner.der" "$WORK/nosigner.eml"
expect_verify "$WORK/nosigner.eml" failed "no signer"
# Several SignerInfos: every one must hold, one of them must be From.
openssl cms -sign -signer "$PKI/alice.pem" -inkey "$PKI/alice.key" -signer "$PKI/carol.pem" -inkey "$PKI/carol.key" \
    -certfile "$PKI/sub.pem" -in "$WORK/body.txt" -out "$WORK/two.p7" 2>/dev/null
with_headers 'From: carol@example.org\n' "$WORK/two.p7" "$WORK/two.eml"
expect_verify "$WORK/two.eml" ok
expect_grep '"signer":"carol@example.org"' "$WORK/status"
openssl cms -sign -signer "$PKI/alice.pem" -inkey "$PKI/alice.key" -signer "$PKI/revoked.pem" -inkey "$PKI/revoked.key" \
    -certfile "$PKI/sub.pem" -in "$WORK/body.txt" -out "$WORK/tworev.p7" 2>/dev/null
with_headers 'From: alice@example.org\n' "$WORK/tworev.p7" "$WORK/tworev.eml"
expect_verify "$WORK/tworev.eml" failed "signer 2: .*revoked"

# A trusted, valid signer that is not the sender.
osign bob "$WORK/bob.p7"
with_headers 'From: Alice <alice@example.org>\n' "$WORK/bob.p7" "$WORK/bob-as-alice.eml"
expect_verify "$WORK/bob-as-alice.eml" failed "signer bob@example.org does not match From alice@example.org"

# From / Sender / display-name tricks. Mallory holds a valid certificate of
# the same CA for her own address.
user_cert mallory 'subjectAltName = email:mallory@evil.example'
"$SMIME" import-cert "$WORK/mallory.pem" 2>/dev/null
"$SMIME" import-key "$WORK/mallory.key" 2>/dev/null
snapshot start
openssl cms -sign -signer "$WORK/mallory.pem" -inkey "$WORK/mallory.key" -certfile "$PKI/sub.pem" \
    -in "$WORK/body.txt" -out "$WORK/mallory.p7" 2>/dev/null
# The display name is never the address: ok, but for Mallory.
with_headers 'From: "alice@example.org" <mallory@evil.example>\n' "$WORK/mallory.p7" "$WORK/display.eml"
expect_verify "$WORK/display.eml" ok
expect_grep '"signer":"mallory@evil.example"' "$WORK/status"
grep -q '^X-SMIME-Signature: ok; signer="mallory@evil.example"' "$WORK/out" || fail "display name: header names someone else"
# ... and Alice's signature does not cover a From whose address is Mallory's.
with_headers 'From: "alice@example.org" <mallory@evil.example>\n' "$WORK/alice.p7" "$WORK/display2.eml"
expect_verify "$WORK/display2.eml" failed "does not match From mallory@evil.example"
# Comments are not addresses.
with_headers 'From: mallory@evil.example (alice@example.org)\n' "$WORK/alice.p7" "$WORK/comment.eml"
expect_verify "$WORK/comment.eml" failed "does not match From"
with_headers 'From: alice@example.org (Mallory, really)\n' "$WORK/alice.p7" "$WORK/comment-ok.eml"
expect_verify "$WORK/comment-ok.eml" ok
# An encoded word is a display name, never an address.
with_headers 'From: =?utf-8?q?alice=40example=2Eorg?= <mallory@evil.example>\n' "$WORK/alice.p7" "$WORK/ew.eml"
expect_verify "$WORK/ew.eml" failed "does not match From"
with_headers 'From: =?us-ascii?q?alice=40example=2Eorg?=\n' "$WORK/alice.p7" "$WORK/ew-only.eml"
expect_verify "$WORK/ew-only.eml" failed
# Two From fields, several mailboxes, Sender only, no From.
with_headers 'From: alice@example.org\nFrom: mallory@evil.example\n' "$WORK/alice.p7" "$WORK/two-from.eml"
expect_verify "$WORK/two-from.eml" failed "more than one From"
with_headers 'From: mallory@evil.example\nFrom: alice@example.org\n' "$WORK/alice.p7" "$WORK/two-from2.eml"
expect_verify "$WORK/two-from2.eml" failed "more than one From"
with_headers 'From: mallory@evil.example, alice@example.org\n' "$WORK/alice.p7" "$WORK/multi.eml"
expect_verify "$WORK/multi.eml" failed "no single Sender"
with_headers 'From: mallory@evil.example, alice@example.org\nSender: alice@example.org\n' "$WORK/alice.p7" "$WORK/multi-sender.eml"
expect_verify "$WORK/multi-sender.eml" ok
with_headers 'From: mallory@evil.example, alice@example.org\nSender: alice@example.org\nSender: mallory@evil.example\n' \
    "$WORK/alice.p7" "$WORK/multi-2sender.eml"
expect_verify "$WORK/multi-2sender.eml" failed
with_headers 'From: mallory@evil.example\nSender: alice@example.org\n' "$WORK/alice.p7" "$WORK/sender.eml"
expect_verify "$WORK/sender.eml" failed "matches only Sender"
with_headers 'Sender: alice@example.org\n' "$WORK/alice.p7" "$WORK/sender-only.eml"
expect_verify "$WORK/sender-only.eml" failed "no From"
expect_verify "$WORK/alice.p7" failed "no From"
# Duplicated Content-Type: the second one (what some clients render) never
# reaches the output; the signed entity's own header does.
with_headers 'From: alice@example.org\n' "$WORK/alice.p7" "$WORK/dup-ct.eml"
sed -i '/^Content-Type: multipart\/signed/a Content-Type: text/plain' "$WORK/dup-ct.eml"
[ "$(grep -c '^Content-Type:' "$WORK/dup-ct.eml")" = 4 ] || fail "dup-ct: not built"
run_op verify "$WORK/dup-ct.eml"
if [ $rc = 0 ]; then
    [ "$(tr -d '\r' <"$WORK/out" | sed '/^$/q' | grep -c '^Content-Type:')" = 1 ] || fail "dup-ct: two Content-Type out"
    tr -d '\r' <"$WORK/out" | grep -q '^Signed text: pay 10 EUR' || fail "dup-ct: signed text lost"
else
    expect_verify "$WORK/dup-ct.eml" failed
fi
finish
