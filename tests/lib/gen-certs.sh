#!/usr/bin/env bash
# Generates a throwaway PKI with openssl into DIR (default: a new temp dir,
# printed on stdout). Nothing here is ever committed: tests make it fresh.
#
#   ca.pem/ca.key            root CA (trust anchor)
#   sub.pem/sub.key          intermediate CA signed by the root
#   NAME.pem/NAME.key        end-entity certs signed by sub (chain: sub, ca)
#     alice  RSA-2048  alice@example.org
#     bob    RSA-2048  bob@example.org
#     carol  EC P-256  carol@example.org
#     dave   Ed25519   dave@example.org
#   NAME-enc.key             the same key, PKCS#8 encrypted with passphrase in pass.txt
#   NAME.p12                 cert + key + chain, passphrase in pass.txt
#   noemail.pem/.key         end-entity cert without any address
#   selfsigned.pem/.key      self-signed end-entity cert for eve@example.org
#   expired.pem/.key         expired cert for old@example.org
#   chain.pem                sub + ca
#   crl.pem                  CRL by sub revoking revoked.pem (revoked@example.org)
set -euo pipefail
dir=${1:-$(mktemp -d)}
mkdir -p "$dir"
cd "$dir"
echo "secret passphrase" > pass.txt

ossl() { openssl "$@" 2>/dev/null; }

cat > ext.cnf <<'CNF'
[ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[sub]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[user_rsa]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment, nonRepudiation
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = email:${ENV::EMAIL}
[user_ec]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyAgreement, nonRepudiation
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = email:${ENV::EMAIL}
[user_ed]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = email:${ENV::EMAIL}
[noemail]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
subjectKeyIdentifier = hash
CNF
export EMAIL=none@example.org

newkey() {  # newkey TYPE OUT
    case $1 in
        rsa) ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$2" ;;
        ec) ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$2" ;;
        ed25519) ossl genpkey -algorithm ED25519 -out "$2" ;;
    esac
}

newkey rsa ca.key
ossl req -x509 -new -key ca.key -subj "/O=smime tests/CN=Test Root CA" -days 3650 \
    -config ext.cnf -extensions ca -out ca.pem -set_serial 1
newkey rsa sub.key
ossl req -new -key sub.key -subj "/O=smime tests/CN=Test Sub CA" -out sub.csr
ossl x509 -req -in sub.csr -CA ca.pem -CAkey ca.key -set_serial 2 -days 3650 \
    -extfile ext.cnf -extensions sub -out sub.pem
cat sub.pem ca.pem > chain.pem

serial=100
issue() {  # issue NAME EMAIL KEYTYPE EXT [x509 args...]
    local name=$1 email=$2 type=$3 ext=$4
    shift 4
    newkey "$type" "$name.key"
    EMAIL=$email ossl req -new -key "$name.key" -subj "/O=smime tests/CN=$name" -out "$name.csr"
    serial=$((serial + 1))
    EMAIL=$email ossl x509 -req -in "$name.csr" -CA sub.pem -CAkey sub.key -set_serial $serial \
        -extfile ext.cnf -extensions "$ext" -out "$name.pem" "$@"
    ossl pkcs8 -topk8 -in "$name.key" -out "$name-enc.key" -v2 aes-256-cbc -passout file:pass.txt
    ossl pkcs12 -export -in "$name.pem" -inkey "$name.key" -certfile chain.pem -out "$name.p12" \
        -passout file:pass.txt -name "$name"
}

issue alice alice@example.org rsa user_rsa -days 825
issue bob bob@example.org rsa user_rsa -days 825
issue carol carol@example.org ec user_ec -days 825
issue dave dave@example.org ed25519 user_ed -days 825
issue revoked revoked@example.org rsa user_rsa -days 825
issue noemail "" rsa noemail -days 825
# expired: valid from 2 years ago for 1 day (openssl x509 lacks -not_before in 3.0; use ca)
newkey rsa expired.key
EMAIL=old@example.org ossl req -new -key expired.key -subj "/O=smime tests/CN=expired" -out expired.csr
mkdir -p ca.db && : > ca.db/index.txt && echo 1000 > ca.db/serial
cat > ca.cnf <<'CNF'
[ca]
default_ca = sub
[sub]
dir = ca.db
database = ca.db/index.txt
serial = ca.db/serial
new_certs_dir = ca.db
certificate = sub.pem
private_key = sub.key
default_md = sha256
policy = any
default_crl_days = 30
[any]
commonName = supplied
CNF
EMAIL=old@example.org ossl ca -batch -config ca.cnf -in expired.csr -out expired.pem \
    -startdate 20200101000000Z -enddate 20200102000000Z -extfile ext.cnf -extensions user_rsa -notext
# self-signed end entity
newkey rsa selfsigned.key
EMAIL=eve@example.org ossl req -x509 -new -key selfsigned.key -subj "/CN=eve" -days 365 \
    -config ext.cnf -extensions user_rsa -out selfsigned.pem
# CRL revoking "revoked"
printf 'R\t300101000000Z\t250101000000Z\t%X\tunknown\t/CN=revoked\n' 105 >> ca.db/index.txt
ossl ca -batch -config ca.cnf -gencrl -out crl.pem
rm -f ./*.csr
echo "$dir"
