#!/usr/bin/env bash
# An expired CA is not a forged signature, and --at holds at every step of
# the path: root (2019-2099) → intermediate (2019 until yesterday) → alice
# (2019-2099), signed by openssl cms. Verified today the intermediate is
# expired; with --at inside its validity all is ok; a certificate whose
# signature really is forged stays "signature invalid" at any time.
source "$TESTS_DIR/lib/common.sh"
cd "$WORK"
ossl() { openssl "$@" 2>/dev/null; }

source "$TESTS_DIR/lib/openssl-ca.sh"
export EMAIL=alice@example.org
ca_extensions ext.cnf
yesterday=$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)
ca_db root
ossl req -new -newkey rsa:2048 -nodes -keyout root.key -subj "/CN=Expired-CA Root" -out root.csr
ossl ca -batch -config root.cnf -selfsign -keyfile root.key -in root.csr -out root.pem -notext \
    -startdate 20190101000000Z -enddate 20991231000000Z -extfile ext.cnf -extensions ca
ca_db inter
ossl req -new -newkey rsa:2048 -nodes -keyout inter.key -subj "/CN=Expired Intermediate" -out inter.csr
ossl ca -batch -config root.cnf -in inter.csr -out inter.pem -notext \
    -startdate 20190101000000Z -enddate "$yesterday" -extfile ext.cnf -extensions ca
ossl req -new -newkey rsa:2048 -nodes -keyout alice.key -subj "/CN=alice" -out alice.csr
ossl ca -batch -config inter.cnf -in alice.csr -out alice.pem -notext \
    -startdate 20190101000000Z -enddate 20991231000000Z -extfile ext.cnf -extensions user
for f in root inter alice; do [ -s $f.pem ] || fail "openssl ca did not make $f.pem"; done

# forged.pem: alice's certificate with one bit of its signature flipped.
openssl x509 -in alice.pem -outform DER -out alice.der
/usr/bin/python3 -c 'import sys; d=bytearray(open("alice.der","rb").read()); d[-5]^=1; open("forged.der","wb").write(d)'
openssl x509 -inform DER -in forged.der -out forged.pem || fail "forged certificate does not parse"

printf 'Content-Type: text/plain\n\nSigned in 2019, read today.\n' >body.txt
# sign CERT OUT: alice's detached signature, the intermediate as chain.
sign() {
    openssl cms -sign -signer "$1" -inkey alice.key -certfile inter.pem -in body.txt -out signed.tmp 2>/dev/null ||
        fail "openssl cms -sign with $1"
    { printf 'From: alice@example.org\n'; cat signed.tmp; } >"$2"
}
sign alice.pem good.eml
sign forged.pem forged.eml
expect_exit 0 "$SMIME" import-cert --trust root.pem
expect_exit 0 "$SMIME" import-cert inter.pem

# verify_says MSG EXIT STATUS REASON [--at T]: exit code, status word and reason of verify.
verify_says() {
    local msg=$1 code=$2 status=$3 reason=$4
    shift 4
    expect_exit "$code" "$SMIME" --status-fd 3 verify --status-only "$@" "$msg" 3>status
    expect_grep "\"op\":\"verify\",\"status\":\"$status\"" status
    [ -z "$reason" ] || expect_grep "$reason" status
}
# Today: the intermediate has expired; that is what the reason says.
verify_says good.eml 1 failed "Expired Intermediate.* expired on $(date -u -d '-1 day' +%Y-%m-%d)"
expect_no_grep "signature" status
# --at inside every validity: ok, and the time used is named.
verify_says good.eml 0 ok '"at":"2020-06-01T00:00:00Z"' --at 2020-06-01
verify_says good.eml 0 ok "" --at "$(date -u -d '-2 days' +%Y-%m-%dT%H:%M:%SZ)"
# --at before the chain began: not yet valid, not forged.
verify_says good.eml 1 failed "not valid before" --at 2018-06-01
expect_no_grep "signature" status
# A forged certificate signature is forged, today and at any --at.
verify_says forged.eml 1 failed "a certificate signature on the path is invalid"
verify_says forged.eml 1 failed "a certificate signature on the path is invalid" --at 2020-06-01
# list agrees: alice (once imported) is expired through her CA.
expect_exit 0 "$SMIME" import-cert alice.pem
expect_exit 0 "$SMIME" --json list alice@example.org
expect_grep '"states":\["expired"\]' out
echo "expired-ca: ok"
