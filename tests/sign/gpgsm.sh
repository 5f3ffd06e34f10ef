#!/usr/bin/env bash
# Interop with gpgsm (throwaway GNUPGHOME): what smime signs, gpgsm verifies
# (on the extracted CMS, detached and opaque); what gpgsm signs, smime
# verifies once wrapped as S/MIME; tampered copies fail on both sides.
. "$TESTS_DIR/sign/common.sh"
command -v gpgsm >/dev/null || { echo "gpgsm missing: skip"; exit 77; }
setup_keyring || { echo "keyring set-up failed"; exit 1; }

export GNUPGHOME=$work/gnupg
mkdir -m 700 "$GNUPGHOME"
echo disable-crl-checks >"$GNUPGHOME/gpgsm.conf"
echo allow-loopback-pinentry >"$GNUPGHOME/gpg-agent.conf"
trap 'gpgconf --kill all >/dev/null 2>&1; rm -rf "$work"' EXIT
echo "$(openssl x509 -in "$pki/ca.pem" -noout -fingerprint -sha1 | sed 's/.*=//') S" >"$GNUPGHOME/trustlist.txt"
G() { echo x | gpgsm --batch --pinentry-mode loopback --passphrase-fd 0 "$@"; }
G --import "$pki/ca.pem" "$pki/sub.pem" >/dev/null 2>&1 || { echo "gpgsm import failed"; exit 1; }
# gpgsm 2.2 reads PKCS#12 with 3DES-protected RSA keys only (not EC keys),
# so gpgsm signs with alice only and checks carol's ECDSA signatures.
openssl pkcs12 -export -in "$pki/alice.pem" -inkey "$pki/alice.key" -out "$work/alice-g.p12" -passout pass:x \
    -keypbe PBE-SHA1-3DES -certpbe NONE -macalg sha1 2>/dev/null
G --import "$work/alice-g.p12" >/dev/null 2>&1 || fail "gpgsm cannot import alice's key"
G --import "$pki/carol.pem" >/dev/null 2>&1 || fail "gpgsm cannot import carol's certificate"

# split_signed FILE CONTENT SIG: the exact first part and the decoded p7s
split_signed() {
    python3 - "$@" <<'PY'
import base64, re, sys
t = open(sys.argv[1], 'rb').read()
b = re.search(rb'boundary="([^"]+)"', t).group(1)
start = t.index(b'\r\n--' + b + b'\r\n') + len(b) + 6
end = t.index(b'\r\n--' + b, start)
open(sys.argv[2], 'wb').write(t[start:end])
sig = t[end:].split(b'\r\n\r\n', 1)[1].split(b'\r\n--' + b)[0]
open(sys.argv[3], 'wb').write(base64.b64decode(sig))
PY
}

gpgsm_good() { G --verify "$@" 2>&1 | grep -q "Good signature"; }

for who in alice carol; do
    for digest in sha256 sha512; do
        message "$who@example.org" >"$work/in.eml"
        smime sign --digest $digest "$work/in.eml" >"$work/out.eml" || { fail "sign $who"; continue; }
        split_signed "$work/out.eml" "$work/content" "$work/sig.der"
        gpgsm_good "$work/sig.der" "$work/content" && pass "gpgsm verifies $who $digest detached" ||
            fail "gpgsm rejects $who $digest detached: $(G --verify "$work/sig.der" "$work/content" 2>&1 | tail -3)"
        sed -i 's/Hello, this/Hello, thiS/' "$work/content"
        gpgsm_good "$work/sig.der" "$work/content" && fail "gpgsm accepts tampered $who $digest" ||
            pass "gpgsm rejects tampered $who $digest"
        smime sign --opaque --digest $digest "$work/in.eml" >"$work/opaque.eml" || { fail "sign --opaque $who"; continue; }
        sed '1,/^\r$/d' "$work/opaque.eml" | tr -d '\r' | base64 -d >"$work/opaque.der"
        gpgsm_good "$work/opaque.der" && pass "gpgsm verifies $who $digest opaque" || fail "gpgsm rejects $who $digest opaque"
    done
done
message alice@example.org >"$work/in.eml"
smime sign --pss "$work/in.eml" >"$work/pss.eml"
split_signed "$work/pss.eml" "$work/content" "$work/sig.der"
gpgsm_good "$work/sig.der" "$work/content" && pass "gpgsm verifies RSA-PSS" || fail "gpgsm rejects RSA-PSS"

# gpgsm → smime
printf 'Content-Type: text/plain\r\n\r\nSigned by gpgsm.\r\n' >"$work/body.txt"
for who in alice; do
    G -u "$who@example.org" --detach-sign --include-certs -1 -o "$work/g.der" "$work/body.txt" >/dev/null 2>&1 ||
        { fail "gpgsm --detach-sign $who"; continue; }
    wrap() {  # BODY-FILE DER-FILE OUT
        { printf 'From: %s@example.org\r\nMIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="g1"\r\n\r\n--g1\r\n' "$who"
          cat "$1"
          printf '\r\n--g1\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n\r\n'
          base64 "$2"
          printf '\r\n--g1--\r\n'; } >"$3"
    }
    wrap "$work/body.txt" "$work/g.der" "$work/g.eml"
    verify_status "$work/g.eml" ok
    sed 's/Signed by gpgsm/Signed by gpgsM/' "$work/body.txt" >"$work/body2.txt"
    wrap "$work/body2.txt" "$work/g.der" "$work/g-bad.eml"
    verify_status "$work/g-bad.eml" failed "signature does not match"
    G -u "$who@example.org" --sign --include-certs -1 -o "$work/go.der" "$work/body.txt" >/dev/null 2>&1 ||
        { fail "gpgsm --sign $who"; continue; }
    { printf 'From: %s@example.org\r\nMIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m\r\nContent-Transfer-Encoding: base64\r\n\r\n' "$who"
      base64 "$work/go.der"; } >"$work/go.eml"
    verify_status "$work/go.eml" ok
done
finish
