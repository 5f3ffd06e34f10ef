#!/usr/bin/env bash
# RSA-PSS (RFC 4056) made by openssl cms → smime verify: the hash and salt
# length named in the SignerInfo are honoured (salt digest, max, auto, 0 with
# SHA-256/384/512, detached and opaque, with and without signed attributes);
# tampered content, attributes or signature, parameters GnuTLS cannot verify
# (MGF other than MGF1, trailerField other than 1) and parameters that a
# certificate with an id-RSASSA-PSS key does not allow are failed (exit 1).
# gpgsm 2.2 makes no RSA-PSS signatures (it signs PKCS#1 v1.5 and cannot
# import an RSA-PSS key), so there is no gpgsm case here.
. "$TESTS_DIR/sign/common.sh"
setup_keyring || { echo "keyring set-up failed"; exit 1; }

printf 'Content-Type: text/plain; charset=us-ascii\n\nHello from openssl, RSA-PSS.\nSecond line.\n' >"$work/body.txt"

# pss_sign CERT KEY FROM OUT [openssl cms args...]: an RSA-PSS signature
pss_sign() {
    local cert=$1 key=$2 from=$3 out=$4
    shift 4
    openssl cms -sign -signer "$cert" -inkey "$key" -in "$work/body.txt" -from "$from" -to bob@example.org \
        -subject pss -keyopt rsa_padding_mode:pss "$@" -out "$out" 2>/dev/null || { fail "openssl cms -sign $*"; return 1; }
}
alice_sign() { pss_sign "$pki/alice.pem" "$pki/alice.key" alice@example.org "$@"; }

# salt_of FILE: the saltLength in the SignerInfo's RSASSA-PSS parameters, in
# decimal (openssl always writes it, RFC 4055's default 20 included).
salt_of() {
    local hex
    hex=$(openssl cms -cmsout -print -in "$1" 2>/dev/null | awk '/cont \[ 2 \]/ { getline; sub(/.*:/, ""); print; exit }')
    echo $((16#${hex:-x}))
}

# Every salt length, every hash; the salt in the SignerInfo is checked to be
# the one asked for, so that the cases really differ.
for md in sha256 sha384 sha512; do
    hlen=$(($(openssl dgst -"$md" -binary </dev/null | wc -c)))
    for salt in digest max auto 0; do
        alice_sign "$work/d.eml" -md "$md" -keyopt "rsa_pss_saltlen:$salt" || continue
        got=$(salt_of "$work/d.eml")
        case $salt in
        digest) [ "$got" = "$hlen" ] ;;
        0) [ "$got" = 0 ] ;;
        *) [ "$got" -gt "$hlen" ] ;;
        esac || fail "$md salt $salt: the SignerInfo says salt $got"
        verify_status "$work/d.eml" ok && echo "    ($md, salt $salt = $got octets)"
    done
    alice_sign "$work/o.eml" -md "$md" -nodetach && verify_status "$work/o.eml" ok
done

# The X-SMIME-Signature header on the unwrapped output.
alice_sign "$work/d.eml" -md sha384
smime verify "$work/d.eml" >"$work/out.eml" 2>/dev/null
grep -q '^X-SMIME-Signature: ok; signer="alice@example.org"' "$work/out.eml" && grep -q '^Hello from openssl' "$work/out.eml" &&
    pass "RSA-PSS: unwrapped output with header" || fail "unwrapped output: $(head -c 400 "$work/out.eml")"

# Without signed attributes the signature is over the content itself (as
# for PKCS#1 v1.5 signatures, which GnuTLS checks).
alice_sign "$work/n.eml" -noattr && verify_status "$work/n.eml" ok
sed 's/^Second line\./Second linE./' "$work/n.eml" >"$work/n1.eml"
verify_status "$work/n1.eml" failed "signature does not match"

# Tampering: one body byte (messageDigest no longer matches), one byte of
# the opaque content, of the signingTime attribute, of the signature value.
sed 's/^Second line\./Second linE./' "$work/d.eml" >"$work/t1.eml"
verify_status "$work/t1.eml" failed "signature does not match"
alice_sign "$work/o.eml" -md sha512 -nodetach
# patch_der IN OUT WHAT: the opaque message IN with one thing in its DER changed
patch_der() {
    python3 - "$@" <<'PY' || fail "patch_der $3"
import base64, sys
src, dst, what = sys.argv[1:]
head, body = open(src).read().split('\n\n', 1)
der = bytearray(base64.b64decode(body))
def at(hex_oid):  # the offset just after the only occurrence of this OID
    oid = bytes.fromhex(hex_oid)
    i = der.find(oid)
    assert i > 0 and der.find(oid, i + 1) < 0, hex_oid
    return i + len(oid)
mgf1 = '06092a864886f70d010108'
if what == 'content':
    der[der.find(b'Hello from openssl')] ^= 0x20
elif what == 'signing-time':   # SET { UTCTime }: the last digit of the seconds
    der[at('06092a864886f70d010905') + 4 + 11] ^= 1
elif what == 'signature':      # the SignerInfo ends with it
    der[-5] ^= 1
elif what == 'mgf':            # id-mgf1 becomes id-pSpecified
    der[at(mgf1) - 1] = 0x09
elif what == 'trailer':        # saltLength [2] becomes trailerField [3]
    i = at(mgf1) + 15          # past MGF1's hash AlgorithmIdentifier
    assert der[i] == 0xa2
    der[i] = 0xa3
open(dst, 'w').write(head + '\n\n' + base64.encodebytes(bytes(der)).decode())
PY
}
patch_der "$work/o.eml" "$work/t2.eml" content
verify_status "$work/t2.eml" failed "signature does not match"
patch_der "$work/o.eml" "$work/t3.eml" signing-time
verify_status "$work/t3.eml" failed "signature does not match"
patch_der "$work/o.eml" "$work/t4.eml" signature
verify_status "$work/t4.eml" failed "signature does not match"

# Parameters GnuTLS cannot verify are a failed signature, not an error.
patch_der "$work/o.eml" "$work/p1.eml" mgf
verify_status "$work/p1.eml" failed "mask generation function is not MGF1"
patch_der "$work/o.eml" "$work/p2.eml" trailer
verify_status "$work/p2.eml" failed "trailerField is not 1"

# Certificates whose key is id-RSASSA-PSS with parameters (RFC 4055 §3.3:
# signatures only with that hash and MGF, a salt at least that long).
# openssl refuses to sign anything else with such a key, so its twin signs:
# the same RSA key as a plain rsaEncryption key, in a certificate with the
# same issuer and serial. Carried in the message, the twin allows anything;
# left out (-nocerts), the SignerInfo names the restricted certificate.
printf '[ext]\nbasicConstraints = CA:false\nkeyUsage = critical, digitalSignature, nonRepudiation\nextendedKeyUsage = emailProtection\nsubjectAltName = email:pss@example.org\n' >"$work/pss.cnf"
serial=4056
# restricted NAME [genpkey -pkeyopt ...]: NAME.key/.pem (id-RSASSA-PSS, in
# the keyring) and NAME-twin.key/.pem (rsaEncryption)
restricted() {
    local name=$1 k offset
    shift
    serial=$((serial + 1))
    openssl genpkey -algorithm RSA-PSS "$@" -out "$work/$name.key" 2>/dev/null || fail "openssl genpkey RSA-PSS $*"
    # The RSAPrivateKey inside the PKCS#8 is the plain key.
    offset=$(openssl asn1parse -in "$work/$name.key" | awk '/OCTET STRING/ { print $1 + 0; exit }')
    openssl asn1parse -in "$work/$name.key" -strparse "$offset" -noout -out "$work/$name-twin.der" &&
        openssl rsa -inform DER -in "$work/$name-twin.der" -out "$work/$name-twin.key" 2>/dev/null ||
        fail "RSA key from the RSA-PSS key $name"
    for k in "$name" "$name-twin"; do
        openssl req -new -key "$work/$k.key" -subj "/CN=$name" -out "$work/$k.csr" 2>/dev/null &&
            openssl x509 -req -in "$work/$k.csr" -CA "$pki/sub.pem" -CAkey "$pki/sub.key" -set_serial $serial \
                -days 30 -extfile "$work/pss.cnf" -extensions ext -out "$work/$k.pem" 2>/dev/null || fail "certificate $k"
    done
    openssl x509 -in "$work/$name.pem" -noout -text | grep -q 'Public Key Algorithm: rsassaPss' ||
        fail "$name.pem is not id-RSASSA-PSS"
    openssl x509 -in "$work/$name-twin.pem" -noout -text | grep -q 'Public Key Algorithm: rsaEncryption' ||
        fail "$name-twin.pem is not rsaEncryption"
    smime import-cert "$work/$name.pem" >/dev/null 2>&1 || fail "import $name.pem"
}
twin_sign() { local name=$1; shift; pss_sign "$work/$name-twin.pem" "$work/$name-twin.key" pss@example.org "$@"; }

# SHA-256, salt >= 32; no MGF given, which is mgf1SHA1 (RFC 4055 §3.1).
restricted r256 -pkeyopt rsa_pss_keygen_md:sha256 -pkeyopt rsa_pss_keygen_saltlen:32
twin_sign r256 "$work/r1.eml" -md sha512 && verify_status "$work/r1.eml" ok
twin_sign r256 "$work/r2.eml" -md sha512 -nocerts && verify_status "$work/r2.eml" failed "not allowed by the certificate"
twin_sign r256 "$work/r3.eml" -md sha256 -nocerts && verify_status "$work/r3.eml" failed "not allowed by the certificate"
# The key's own signatures use MGF1 with SHA-1, which GnuTLS cannot check.
pss_sign "$work/r256.pem" "$work/r256.key" pss@example.org "$work/r4.eml" -md sha256 &&
    verify_status "$work/r4.eml" failed "MGF1 hash differs from the message hash"

# SHA-256 with MGF1-SHA-256, salt >= 32.
restricted m256 -pkeyopt rsa_pss_keygen_md:sha256 -pkeyopt rsa_pss_keygen_mgf1_md:sha256 \
    -pkeyopt rsa_pss_keygen_saltlen:32
twin_sign m256 "$work/m1.eml" -md sha256 -keyopt rsa_pss_saltlen:32 -nocerts && verify_status "$work/m1.eml" ok
twin_sign m256 "$work/m2.eml" -md sha256 -keyopt rsa_pss_saltlen:max -nocerts && verify_status "$work/m2.eml" ok
twin_sign m256 "$work/m3.eml" -md sha256 -keyopt rsa_pss_saltlen:20 -nocerts &&
    verify_status "$work/m3.eml" failed "not allowed by the certificate"
twin_sign m256 "$work/m4.eml" -md sha512 -nocerts && verify_status "$work/m4.eml" failed "not allowed by the certificate"
pss_sign "$work/m256.pem" "$work/m256.key" pss@example.org "$work/m5.eml" -md sha256 && verify_status "$work/m5.eml" ok
finish
