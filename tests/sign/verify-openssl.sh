#!/usr/bin/env bash
# openssl cms -sign / openssl smime -sign → smime verify: detached and opaque,
# RSA, RSA-PSS, ECDSA, SHA-256/384/512; tampered copies (one body byte, one
# inner header, a swapped signature) fail with exit 1.
. "$TESTS_DIR/sign/common.sh"
setup_keyring || { echo "keyring set-up failed"; exit 1; }

printf 'Content-Type: text/plain; charset=us-ascii\n\nHello from openssl.\nSecond line.\n' >"$work/body.txt"

ossl_sign() {  # WHO OUT TOOL [openssl args...]
    local who=$1 out=$2 tool=$3
    shift 3
    openssl "$tool" -sign -signer "$pki/$who.pem" -inkey "$pki/$who.key" -certfile "$pki/sub.pem" \
        -in "$work/body.txt" -from "$who@example.org" -to bob@example.org -subject "interop" "$@" -out "$out" 2>/dev/null
}

for who in alice carol; do
    for md in sha256 sha384 sha512; do
        ossl_sign $who "$work/d.eml" cms -md $md || { fail "openssl cms -sign $who $md"; continue; }
        verify_status "$work/d.eml" ok
        ossl_sign $who "$work/o.eml" cms -md $md -nodetach || { fail "openssl cms -sign -nodetach $who $md"; continue; }
        verify_status "$work/o.eml" ok
        ossl_sign $who "$work/s.eml" smime -md $md || { fail "openssl smime -sign $who $md"; continue; }
        verify_status "$work/s.eml" ok
    done
done

# RSA-PSS with the salt as long as the digest (every salt length, hash and
# the certificate's PSS restrictions: verify-pss.sh).
ossl_sign alice "$work/pss.eml" cms -keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:digest
verify_status "$work/pss.eml" ok

# The output on ok is the signed content with the outer headers.
ossl_sign alice "$work/d.eml" cms
smime verify "$work/d.eml" >"$work/out.eml" 2>/dev/null
grep -q '^Subject: interop' "$work/out.eml" && grep -q '^X-SMIME-Signature: ok; signer="alice@example.org"' "$work/out.eml" &&
    grep -q '^Hello from openssl.' "$work/out.eml" && ! grep -q 'smime.p7s' "$work/out.eml" &&
    pass "unwrapped output with header" || fail "unwrapped output: $(head -c 400 "$work/out.eml")"

# Line ends as stored (all CRLF, or all LF as in a Maildir) do not matter.
sed 's/\r$//; s/$/\r/' "$work/d.eml" >"$work/crlf.eml"
verify_status "$work/crlf.eml" ok
sed 's/\r$//' "$work/d.eml" >"$work/lf.eml"
verify_status "$work/lf.eml" ok

# Other spellings of the media types that clients send.
sed 's/application\/pkcs7-signature/application\/x-pkcs7-signature/; s/protocol="application\/x-pkcs7-signature"/protocol="application\/pkcs7-signature"/' "$work/d.eml" >"$work/x.eml"
grep -q 'Content-Type: application/x-pkcs7-signature' "$work/x.eml" || fail "x-pkcs7 rewrite"
verify_status "$work/x.eml" ok
sed 's/^Content-Type: application\/pkcs7-signature; name="smime.p7s"/Content-Type: application\/octet-stream; name="smime.p7s"/' "$work/d.eml" >"$work/os.eml"
grep -q 'octet-stream; name="smime.p7s"' "$work/os.eml" || fail "octet-stream .p7s rewrite"
verify_status "$work/os.eml" ok
sed 's/^Content-Type: application\/pkcs7-mime; smime-type=signed-data; name="smime.p7m"/Content-Type: application\/octet-stream; name="smime.p7m"/' "$work/o.eml" >"$work/oo.eml"
grep -q 'octet-stream; name="smime.p7m"' "$work/oo.eml" || fail "octet-stream .p7m rewrite"
verify_status "$work/oo.eml" ok
sed 's/application\/pkcs7-mime/application\/x-pkcs7-mime/' "$work/o.eml" >"$work/xo.eml"
verify_status "$work/xo.eml" ok

# Tampering: one body byte.
sed 's/^Second line\./Second linE./' "$work/d.eml" >"$work/t1.eml"
verify_status "$work/t1.eml" failed "signature does not match"
# One inner header.
sed 's/^Content-Type: text\/plain; charset=us-ascii/Content-Type: text\/html; charset=us-ascii/' "$work/d.eml" >"$work/t2.eml"
cmp -s "$work/d.eml" "$work/t2.eml" && fail "inner header not changed"
verify_status "$work/t2.eml" failed "signature does not match"
# A signature swapped in from another message by the same signer.
printf 'Content-Type: text/plain\n\nA different text.\n' >"$work/other.txt"
openssl cms -sign -signer "$pki/alice.pem" -inkey "$pki/alice.key" -in "$work/other.txt" -out "$work/other.eml" 2>/dev/null
python3 - "$work/d.eml" "$work/other.eml" "$work/t3.eml" <<'PY'
import re, sys
a = open(sys.argv[1]).read(); b = open(sys.argv[2]).read()
sig = lambda t: re.search(r'(Content-Type: application/(?:x-)?pkcs7-signature.*?\n\n)(.*?)\n\n?------', t, re.S)
sa, sb = sig(a), sig(b)
open(sys.argv[3], 'w').write(a[:sa.start(2)] + sb.group(2) + a[sa.end(2):])
PY
verify_status "$work/t3.eml" failed "signature does not match"
# Opaque: one byte of the embedded content changed (inside the base64).
python3 - "$work/o.eml" "$work/t4.eml" <<'PY'
import base64, sys
t = open(sys.argv[1]).read()
head, body = t.split('\n\n', 1)
der = bytearray(base64.b64decode(body))
i = der.find(b'Hello from openssl')
der[i] ^= 0x20
open(sys.argv[2], 'w').write(head + '\n\n' + base64.encodebytes(bytes(der)).decode())
PY
verify_status "$work/t4.eml" failed
finish
