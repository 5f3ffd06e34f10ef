#!/usr/bin/env bash
# Hostile certificates, carried in a signature and given to import-cert:
# absurd validity dates, huge and negative serials, a name-constraint
# violation, a very long SAN list. Each gets a definite answer quickly.
source "$TESTS_DIR/adversarial/common.sh"

# ca_cert NAME START END EXTENSIONS: an EC certificate from the sub CA with
# these validity dates (YYYYMMDDHHMMSSZ, openssl ca) and extension lines.
ca_cert() {
    local name=$1 start=$2 end=$3
    printf '[ext]\nbasicConstraints = CA:false\nkeyUsage = critical, digitalSignature, keyAgreement\nextendedKeyUsage = emailProtection\n%b\n' \
        "$4" >"$WORK/$name.cnf"
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/$name.key" \
        -subj "/CN=$name" -out "$WORK/$name.csr" 2>/dev/null || fail "req $name"
    (cd "$PKI" && openssl ca -batch -config ca.cnf -in "$WORK/$name.csr" -out "$WORK/$name.pem" -notext \
        -startdate "$start" -enddate "$end" -extfile "$WORK/$name.cnf" -extensions ext 2>/dev/null) || fail "ca $name"
}
# signed_by NAME EMAIL: a message From EMAIL signed with NAME's certificate,
# which travels in the signature (the keyring does not have it).
signed_by() {
    openssl cms -sign -signer "$WORK/$1.pem" -inkey "$WORK/$1.key" -certfile "$PKI/sub.pem" \
        -in "$WORK/body.txt" -out "$WORK/$1.p7" 2>/dev/null || fail "sign with $1"
    with_headers "From: $2\n" "$WORK/$1.p7" "$WORK/$1.eml"
}
# expect_import NAME RESULT: import-cert of NAME.pem reports RESULT
# (imported|refused) with the matching exit code.
expect_import() {
    local want_rc=0
    [ "$2" = refused ] && want_rc=1
    expect_exit $want_rc "$SMIME" --status-fd 3 import-cert "$WORK/$1.pem" 3>"$WORK/status"
    expect_grep "\"result\":\"$2\"" "$WORK/status"
}

# Validity from 1950 to 9999: valid now, dates read correctly.
ca_cert wide 19500101000000Z 99991231235959Z 'subjectAltName = email:wide@example.org'
signed_by wide wide@example.org
expect_verify "$WORK/wide.eml" ok
expect_import wide imported
"$SMIME" --json list wide@example.org >"$WORK/list" 2>/dev/null
expect_grep '"not_before":"(1950|1970)-01-01' "$WORK/list"  # GnuTLS reads times before 1970 as 0
expect_grep '9999-12-31' "$WORK/list"
# Valid only from 9999 on, and notAfter before notBefore: never valid now.
ca_cert future 99990101000000Z 99991231235959Z 'subjectAltName = email:future@example.org'
signed_by future future@example.org
expect_verify "$WORK/future.eml" failed "not.*valid"
ca_cert inverted 20300101000000Z 20200101000000Z 'subjectAltName = email:inverted@example.org'
signed_by inverted inverted@example.org
expect_verify "$WORK/inverted.eml" failed
expect_import future imported
expect_import inverted imported
"$SMIME" list future@example.org 2>/dev/null | grep -q 'not-yet-valid' || fail "future: state $("$SMIME" list future@example.org 2>&1)"

# A 40-byte serial (RFC 5280: CAs use at most 20 octets, users "SHOULD be
# prepared to gracefully handle" longer ones): from a trusted CA it is a
# valid certificate, and it is stored and found like any other.
user_cert huge 'subjectAltName = email:huge@example.org' -set_serial "0x$(printf 'ab%.0s' $(seq 40))"
signed_by huge huge@example.org
expect_verify "$WORK/huge.eml" ok
expect_import huge imported
expect_exit 0 "$SMIME" export huge@example.org
cmp -s "$WORK/out" "$WORK/huge.pem" || openssl x509 -in "$WORK/huge.pem" | cmp -s - "$WORK/out" || fail "huge serial: export differs"
# A negative serial (RFC 5280 4.1.2.2: users "SHOULD be prepared to
# gracefully handle" them too).
user_cert negative 'subjectAltName = email:negative@example.org' -set_serial -5
signed_by negative negative@example.org
expect_verify "$WORK/negative.eml" ok
expect_import negative imported
expect_exit 0 "$SMIME" list negative@example.org

# Name constraints: a sub CA permitted only example.org addresses issues a
# certificate for mallory@evil.example.
printf '[nc]\nbasicConstraints = critical, CA:true, pathlen:0\nkeyUsage = critical, keyCertSign, cRLSign\nnameConstraints = critical, permitted;email:example.org\n' >"$WORK/nc.cnf"
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/nc-ca.key" -subj "/CN=Constrained CA" \
    -out "$WORK/nc-ca.csr" 2>/dev/null
openssl x509 -req -in "$WORK/nc-ca.csr" -CA "$PKI/ca.pem" -CAkey "$PKI/ca.key" -set_serial 7001 -days 30 \
    -extfile "$WORK/nc.cnf" -extensions nc -out "$WORK/nc-ca.pem" 2>/dev/null
nc_leaf() {  # nc_leaf NAME EMAIL: issued by the constrained CA, message signed with it
    printf '[ext]\nbasicConstraints = CA:false\nkeyUsage = critical, digitalSignature\nextendedKeyUsage = emailProtection\nsubjectAltName = email:%s\n' "$2" >"$WORK/$1.cnf"
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/$1.key" -subj "/CN=$1" -out "$WORK/$1.csr" 2>/dev/null
    openssl x509 -req -in "$WORK/$1.csr" -CA "$WORK/nc-ca.pem" -CAkey "$WORK/nc-ca.key" -set_serial $RANDOM -days 30 \
        -extfile "$WORK/$1.cnf" -extensions ext -out "$WORK/$1.pem" 2>/dev/null
    openssl cms -sign -signer "$WORK/$1.pem" -inkey "$WORK/$1.key" -certfile "$WORK/nc-ca.pem" \
        -in "$WORK/body.txt" -out "$WORK/$1.p7" 2>/dev/null
    with_headers "From: $2\n" "$WORK/$1.p7" "$WORK/$1.eml"
}
nc_leaf inside dora@example.org
expect_verify "$WORK/inside.eml" ok
nc_leaf outside mallory@evil.example
expect_verify "$WORK/outside.eml" failed
expect_import outside imported

# A very long SAN list (2,000 addresses): verify answers, import indexes it.
sans=$(seq -f 'email:s%g@example.org' 1 2000 | paste -sd, -)
user_cert many "subjectAltName = $sans"
signed_by many s1999@example.org
SECONDS=0
expect_verify "$WORK/many.eml" ok
expect_grep '"signer":"s1999@example.org"' "$WORK/status"
expect_import many imported
"$SMIME" list s1500@example.org 2>/dev/null | grep -q many || fail "long SAN list: s1500 not found"
[ $SECONDS -lt 60 ] || fail "long SAN list took $SECONDS s"

# Every import above was meant; nothing else changed and check is clean.
snapshot start
finish
