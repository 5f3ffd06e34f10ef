#!/usr/bin/env bash
# CRL fetching of verify: a certificate that no current keyring CRL covers
# and that gets no OCSP answer is checked by a CRL downloaded from the
# http:// URIs of its cRLDistributionPoints, from a local file server
# (python3 -m http.server). Each case checks the exit code, the status, the
# "revocation" field of the status line and, where it matters, how many
# GETs the file server (or connections the black hole) got.
#
# PKI: Root (trusted) → Sub CAs → leaves, no AIA anywhere (so no OCSP). Every
# Sub CA's DP is the root's CRL (root.crl, DER), each leaf's a CRL of its
# Sub CA. The first verify stores root.crl, which from then on covers every
# Sub CA ("crl"). A stored Sub CA CRL covers all that Sub CA's certificates,
# so each independent group of cases has a Sub CA of its own, used by no
# other group:
#   sub1  a, b   alice: both CRLs fetched, then both stored
#   sub2  c      mallory revoked in a freshly fetched CRL; carol then "crl"
#   sub3  d-f    nothing ever answers (wrong signers, garbage, 404, black
#                hole): no CRL of sub3 may ever be stored
#   sub4  h      the CRL served as PEM
#   sub5  j      several DPs: non-http ones skipped, failing ones passed over
#   sub6  k      --offline / --revocation off before the CRL is fetched
#   sub7         revoked in root.crl (case c)
source "$TESTS_DIR/lib/common.sh"
command -v openssl >/dev/null || skip "openssl missing"
[ -x /usr/bin/python3 ] || skip "/usr/bin/python3 missing"
source "$TESTS_DIR/lib/ocsp-servers.sh"
source "$TESTS_DIR/lib/openssl-ca.sh"
cd "$WORK"
ossl() { openssl "$@" 2>/dev/null; }

# The ports go into the certificates, so they are chosen first.
read -r -d '' P_FILES P_HOLE < <(free_ports 2) || true
url() { echo "http://127.0.0.1:$1/${2:-}"; }
FILES=$WORK/files  # what the file server serves
mkdir -p "$FILES"

# --- certificates -----------------------------------------------------------

export CRL_DP=none
ca_extensions ext.cnf
cat >>ext.cnf <<'CNF'
[subca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
crlDistributionPoints = ${ENV::CRL_DP}
[leaf]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = email:${ENV::EMAIL}
crlDistributionPoints = ${ENV::CRL_DP}
CNF

# new_ca NAME CN [ISSUER]: CA NAME, 10 years; self-signed without ISSUER
# (no DP), else from ISSUER with root.crl as its DP.
new_ca() {
    ca_db "$1"
    ossl req -new -newkey rsa:2048 -nodes -keyout "$1.key" -subj "/CN=$2" -out "$1.csr"
    if [ -z "${3:-}" ]; then
        ossl ca -batch -config "$1.cnf" -selfsign -keyfile "$1.key" -in "$1.csr" -out "$1.pem" -notext \
            -days 3650 -extfile ext.cnf -extensions ca
    else
        CRL_DP="URI:$(url "$P_FILES" root.crl)" ossl ca -batch -config "$3.cnf" -in "$1.csr" -out "$1.pem" \
            -notext -days 3650 -extfile ext.cnf -extensions subca
    fi
    [ -s "$1.pem" ] || fail "openssl ca did not make $1.pem"
}
# new_leaf NAME ISSUER DP...: NAME@example.org from CA ISSUER (in its index),
# one distribution point per DP (a full URI).
new_leaf() {
    local name=$1 issuer=$2 dp
    shift 2
    dp=$(printf 'URI:%s,' "$@")
    ossl req -new -newkey rsa:2048 -nodes -keyout "$name.key" -subj "/CN=$name" -out "$name.csr"
    EMAIL=$name@example.org CRL_DP=${dp%,} ossl ca -batch -config "$issuer.cnf" -in "$name.csr" \
        -out "$name.pem" -notext -days 3650 -extfile ext.cnf -extensions leaf
    [ -s "$name.pem" ] || fail "openssl ca did not make $name.pem"
}
F=$(url "$P_FILES")
HOLE=$(url "$P_HOLE")

new_ca root "CRL Test Root"
for n in 1 2 3 4 5 6 7; do new_ca "sub$n" "CRL Test Sub CA $n" root; done
new_leaf alice sub1 "${F}sub1.crl"
new_leaf mallory sub2 "${F}sub2.crl"
new_leaf carol sub2 "${F}sub2.crl"
new_leaf frank sub3 "${F}other.crl"     # a CRL by an unrelated CA
new_leaf fiona sub3 "${F}impostor.crl"  # sub3's name, another key
new_leaf gary sub3 "${F}garbage.crl"
new_leaf erin sub3 "${F}missing.crl"    # 404
new_leaf dave sub3 "${HOLE}sub3.crl"
new_leaf henry sub4 "${F}sub4-pem.crl"
# ivan: skipped (not http://, and on the black hole, which would eat the
# budget), then a 404, a CRL by the wrong CA, and at last the real one.
new_leaf ivan sub5 "https://127.0.0.1:$P_HOLE/sub5.crl" "ldap://127.0.0.1:$P_HOLE/cn=sub5" \
    "${F}missing5.crl" "${F}other.crl" "${F}sub5.crl"
new_leaf jack sub6 "${F}sub6.crl"
new_leaf kate sub7 "${F}sub7.crl"
# other: an unrelated CA, trusted by nobody; trudy's path does not validate.
new_ca other "Unrelated CA"
new_leaf trudy other "${HOLE}trudy.crl" "${F}trudy.crl"
# impostor: a self-signed CA with the Sub CA 3's name and another key.
new_ca impostor "CRL Test Sub CA 3"

ossl ca -batch -config root.cnf -revoke sub7.pem -crl_reason keyCompromise
ossl ca -batch -config sub2.cnf -revoke mallory.pem -crl_reason keyCompromise
grep -q '^R' sub2.db/index.txt || fail "mallory not revoked in the index"
# crl CA FILE [PEM]: CA's CRL (30 days) as FILE in the served directory, DER
# unless PEM; the PEM is kept as CA-crl.pem for import-crl.
crl() {
    ossl ca -batch -config "$1.cnf" -gencrl -out "$1-crl.pem"
    [ -s "$1-crl.pem" ] || fail "openssl ca did not make $1's CRL"
    if [ -n "${3:-}" ]; then
        cp "$1-crl.pem" "$FILES/$2"
    else
        openssl crl -in "$1-crl.pem" -outform DER -out "$FILES/$2"
    fi
}
crl root root.crl
for n in 1 2 5 6 7; do crl "sub$n" "sub$n.crl"; done
crl sub4 sub4-pem.crl pem
crl other other.crl
crl impostor impostor.crl
head -c 700 /dev/urandom >"$FILES/garbage.crl"
# The fixture: each certificate names what it should, no AIA anywhere, and
# openssl agrees on who signed which CRL.
for c in sub1 sub7 alice ivan trudy; do
    openssl x509 -in "$c.pem" -noout -ext crlDistributionPoints >"$c.dp"
    expect_grep "URI:http://127.0.0.1:$P_FILES/" "$c.dp"
    ! openssl x509 -in "$c.pem" -noout -text | grep -q 'Authority Information Access' || fail "$c has an AIA"
done
expect_grep "URI:http://127.0.0.1:$P_FILES/root.crl" sub1.dp
[ "$(grep -c 'URI:' ivan.dp)" = 5 ] || fail "ivan should have 5 DPs: $(cat ivan.dp)"
for c in root sub1; do
    openssl crl -inform DER -in "$FILES/$c.crl" -CAfile "$c.pem" -noout 2>&1 | grep -q 'verify OK' ||
        fail "openssl does not verify $c.crl against $c.pem"
done
ossl crl -inform DER -in "$FILES/sub2.crl" -CAfile <(cat sub2.pem root.pem) -noout -text >sub2.txt
expect_grep "Serial Number: $(openssl x509 -in mallory.pem -noout -serial | sed 's/.*=//')" sub2.txt
ossl crl -inform DER -in "$FILES/impostor.crl" -noout -issuer >impostor.issuer
expect_grep 'CN ?= ?CRL Test Sub CA 3' impostor.issuer
openssl crl -inform DER -in "$FILES/impostor.crl" -CAfile sub3.pem -noout 2>&1 | grep -qi 'verify failure' ||
    fail "openssl takes the impostor's CRL as sub3's"

# --- messages and keyring ---------------------------------------------------

printf 'Content-Type: text/plain\n\nChecked by a fetched CRL.\n' >body.txt
# signed NAME CA: NAME's detached signature (CA's certificate as chain), in
# NAME.eml from NAME@example.org.
signed() {
    ossl cms -sign -signer "$1.pem" -inkey "$1.key" -certfile "$2.pem" -in body.txt -out "$1.tmp" ||
        fail "openssl cms -sign for $1"
    { printf 'From: %s@example.org\nTo: bob@example.org\nSubject: crl\n' "$1"; cat "$1.tmp"; } >"$1.eml"
}
signed alice sub1
for who in mallory carol; do signed "$who" sub2; done
for who in frank fiona gary erin dave; do signed "$who" sub3; done
signed henry sub4
signed ivan sub5
signed jack sub6
signed kate sub7
signed trudy other

expect_exit 0 "$SMIME" import-cert --trust root.pem
expect_exit 0 "$SMIME" import-cert sub1.pem sub2.pem sub3.pem sub4.pem sub5.pem sub6.pem sub7.pem
expect_exit 0 "$SMIME" import-cert alice.pem mallory.pem carol.pem frank.pem fiona.pem gary.pem erin.pem \
    dave.pem henry.pem ivan.pem jack.pem kate.pem

# smime.conf: a 2 s network budget (keeps the black-hole case short).
printf '[smime]\nrevocation-timeout = 2\n' >"$SMIME_HOME/smime.conf"

# --- assertions -------------------------------------------------------------

# The "revocation" field names where the answers for the path (leaf and Sub
# CA) came from, several joined by a comma, e.g. "crl-fetched,crl"; "none"
# and "unknown" stand alone.
# revocation_is WANT: the last status line says "revocation":WANT, the lists
# compared as sets (the order is not pinned).
revocation_is() {
    local got
    got=$(grep -o '"revocation":"[^"]*"' "$WORK/out" | head -n 1 | sed 's/.*:"//; s/"$//') || true
    [ "$(as_set "$got")" = "$(as_set "$1")" ] || { cat "$WORK/out" >&2; fail "revocation \"$got\", wanted \"$1\""; }
}
as_set() { tr ',' '\n' <<<"$1" | sort -u | paste -sd, -; }

# verify_says MSG EXIT STATUS REVOCATION [GLOBAL...] [-- VERIFY-OPTION...]:
# verify MSG (GLOBAL options before the subcommand) exits EXIT with STATUS,
# and REVOCATION as above unless it is "".
verify_says() {
    local msg=$1 code=$2 status=$3 revocation=$4 global=()
    shift 4
    while [ $# -gt 0 ] && [ "$1" != -- ]; do global+=("$1"); shift; done
    [ $# -eq 0 ] || shift
    expect_exit "$code" "$SMIME" --status-fd 1 "${global[@]}" verify --status-only "$@" "$msg"
    expect_grep "\"op\":\"verify\",\"status\":\"$status\"" "$WORK/out"
    [ -z "$revocation" ] || revocation_is "$revocation"
}
# reason_has PATTERN: the last verify's reason matches PATTERN (grep -E).
reason_has() { expect_grep '"reason":"([^"\\]|\\.)*'"$1" "$WORK/out"; }
# same_count WHAT BEFORE NOW: a server's request count did not move.
same_count() { [ "$2" = "$3" ] || fail "$1: $2 requests before, $3 now"; }
# gets PATH: GETs of PATH the file server has logged since it started.
gets() { files_count files "$1"; }

# crls_of HOME: the CRLs stored in keyring HOME, by path and content.
crls_of() { (cd "$1" && find crls -type f 2>/dev/null | sort | xargs -r sha256sum); }
# stored_as_imported CA...: the keyring's CRLs are exactly those that
# import-crl of the CAs' CRLs stores in a fresh keyring (same files, same
# bytes): what was fetched was stored as import-crl stores it, and nothing
# else was.
stored_as_imported() {
    local ref=$WORK/ref.$RANDOM ca
    SMIME_HOME=$ref expect_exit 0 "$SMIME" import-cert --trust root.pem
    SMIME_HOME=$ref expect_exit 0 "$SMIME" import-cert sub1.pem sub2.pem sub3.pem sub4.pem sub5.pem sub6.pem sub7.pem
    for ca in "$@"; do SMIME_HOME=$ref expect_exit 0 "$SMIME" import-crl "$ca-crl.pem"; done
    crls_of "$ref" >"$WORK/crls.want"
    crls_of "$SMIME_HOME" >"$WORK/crls.got"
    [ -s "$WORK/crls.want" ] || fail "import-crl stored nothing under crls/ in $ref"
    cmp -s "$WORK/crls.want" "$WORK/crls.got" || { diff "$WORK/crls.want" "$WORK/crls.got" >&2; fail "stored CRLs differ from import-crl's"; }
}

files_start files "$P_FILES" "$FILES"
blackhole_start hole "$P_HOLE"
# The served files are what they should be (curl when there is one, else
# Python), then the server is restarted so that its count starts at 0.
fetch() {
    if command -v curl >/dev/null; then
        curl -s -o "$2" -w '%{http_code}' "$1"
    else
        "$PY" -c 'import sys, urllib.request, urllib.error
try:
    r = urllib.request.urlopen(sys.argv[1], timeout=5); open(sys.argv[2], "wb").write(r.read()); print(r.status, end="")
except urllib.error.HTTPError as e:
    print(e.code, end="")' "$1" "$2"
    fi
}
[ "$(fetch "${F}root.crl" got.crl)" = 200 ] || fail "file server does not serve root.crl"
cmp -s got.crl "$FILES/root.crl" || fail "file server served other bytes for root.crl"
[ "$(fetch "${F}missing.crl" got.404)" = 404 ] || fail "file server does not answer 404 for missing.crl"
if [ "$(files_count files)" != 2 ] || [ "$(gets /root.crl)" != 1 ]; then
    fail "file server log: $(cat "$WORK/files.log")"
fi
server_stop files
files_start files "$P_FILES" "$FILES"
[ "$(files_count files)" = 0 ] || fail "file server count does not start at 0"
expect_exit 0 "$SMIME" check

# a. alice, nothing stored: the Sub CA 1 is checked by root.crl, alice by
# sub1.crl, both downloaded once: "crl-fetched", and both stored exactly as
# import-crl stores them.
verify_says alice.eml 0 ok crl-fetched
same_count "a: root.crl" 1 "$(gets /root.crl)"
same_count "a: sub1.crl" 1 "$(gets /sub1.crl)"
same_count "a: all" 2 "$(files_count files)"
stored_as_imported root sub1
expect_exit 0 "$SMIME" check

# b. Again: the stored CRLs answer, "crl", with the file server down (a
# download would fail), and once it is up again nothing is fetched.
server_stop files
verify_says alice.eml 0 ok crl
files_start files "$P_FILES" "$FILES"
verify_says alice.eml 0 ok crl
verify_says alice.eml 0 ok crl --offline
same_count "b: file server" 0 "$(files_count files)"

# c. mallory, revoked in the Sub CA 2's CRL, fetched fresh: failed, revoked.
# That CRL is stored: carol (same Sub CA, not listed) is "crl" without a
# download, mallory fails again from it. kate's Sub CA 7 is revoked in the
# stored root.crl: failed.
verify_says mallory.eml 1 failed ""
reason_has revoked
same_count "c: sub2.crl" 1 "$(gets /sub2.crl)"
same_count "c: root.crl" 0 "$(gets /root.crl)"
verify_says carol.eml 0 ok crl
verify_says mallory.eml 1 failed ""
reason_has revoked
same_count "c: sub2.crl" 1 "$(gets /sub2.crl)"
verify_says kate.eml 1 failed ""
reason_has revoked
same_count "c: root.crl" 0 "$(gets /root.crl)"

# d-f share the Sub CA 3, for which no answer ever comes: none of them may
# store a CRL, so the keyring stays as it is (verify stores nothing else).
snapshot sub3

# d. A DP serving a CRL the Sub CA 3 did not issue: by an unrelated CA
# (frank), or under the Sub CA 3's name but signed by another key (fiona).
# Not stored (the next verify downloads again): "unknown" under soft, failed
# under hard.
verify_says frank.eml 0 ok unknown
same_count "d: other.crl" 1 "$(gets /other.crl)"
verify_says frank.eml 1 failed "" --revocation hard
reason_has '[Rr]evocation'
same_count "d: other.crl" 2 "$(gets /other.crl)"
verify_says fiona.eml 0 ok unknown
verify_says fiona.eml 1 failed "" --revocation hard
reason_has '[Rr]evocation'
same_count "d: impostor.crl" 2 "$(gets /impostor.crl)"
expect_unchanged sub3

# e. Garbage at the DP, and a 404: "unknown".
verify_says gary.eml 0 ok unknown
same_count "e: garbage.crl" 1 "$(gets /garbage.crl)"
verify_says erin.eml 0 ok unknown
same_count "e: missing.crl" 1 "$(gets /missing.crl)"
expect_grep '"GET /missing.crl HTTP/[0-9.]+" 404' "$WORK/files.log"
verify_says erin.eml 1 failed "" --revocation hard
reason_has '[Rr]evocation'
expect_unchanged sub3

# f. A DP that never answers: soft gives up within the budget
# (revocation-timeout = 2) and passes "unknown"; hard fails; --offline does
# not connect; --revocation off does not check.
start=$(date +%s)
verify_says dave.eml 0 ok unknown
elapsed=$(($(date +%s) - start))
[ "$elapsed" -le 15 ] || fail "f: verify took $elapsed s with a 2 s revocation-timeout"
[ "$(blackhole_count hole)" -ge 1 ] || fail "f: verify did not even try the DP"
verify_says dave.eml 1 failed "" --revocation hard
reason_has '[Rr]evocation'
held=$(blackhole_count hole)
verify_says dave.eml 0 ok unknown --offline
verify_says dave.eml 1 failed "" --offline --revocation hard
reason_has '[Rr]evocation'
verify_says dave.eml 0 ok none --revocation off
same_count "f: black hole" "$held" "$(blackhole_count hole)"
expect_unchanged sub3

# g. A signer whose path does not validate (untrusted CA): failed, and
# neither URL of its DPs is contacted.
held=$(blackhole_count hole)
verify_says trudy.eml 1 failed ""
same_count "g: black hole" "$held" "$(blackhole_count hole)"
same_count "g: trudy.crl" 0 "$(gets /trudy.crl)"

# h. The Sub CA 4's CRL served as PEM is taken as well: "crl-fetched" for
# henry (his Sub CA by the stored root.crl), then "crl".
verify_says henry.eml 0 ok crl-fetched,crl
same_count "h: sub4-pem.crl" 1 "$(gets /sub4-pem.crl)"
verify_says henry.eml 0 ok crl
same_count "h: sub4-pem.crl" 1 "$(gets /sub4-pem.crl)"

# j. ivan's DPs in order: https:// and ldap:// (on the black hole) are not
# contacted, a 404 and a CRL by the wrong CA are passed over, the last one
# answers; each downloaded once.
held=$(blackhole_count hole)
verify_says ivan.eml 0 ok crl-fetched,crl
same_count "j: black hole" "$held" "$(blackhole_count hole)"
for p in /missing5.crl /sub5.crl; do same_count "j: $p" 1 "$(gets "$p")"; done
same_count "j: other.crl" 3 "$(gets /other.crl)"
verify_says ivan.eml 0 ok crl

# k. --offline downloads nothing ("unknown", failed under hard), nor does
# --revocation off ("none"); online the CRL is fetched, and then --offline
# uses it.
verify_says jack.eml 0 ok unknown --offline
verify_says jack.eml 1 failed "" --offline --revocation hard
reason_has '[Rr]evocation'
verify_says jack.eml 0 ok none --revocation off
same_count "k: sub6.crl" 0 "$(gets /sub6.crl)"
verify_says jack.eml 0 ok crl-fetched,crl
same_count "k: sub6.crl" 1 "$(gets /sub6.crl)"
verify_says jack.eml 0 ok crl --offline
same_count "k: sub6.crl" 1 "$(gets /sub6.crl)"

# i. After all that the keyring is clean, and holds exactly the CRLs that
# were accepted (none of the Sub CA 3, none from other CAs), as import-crl
# would have stored them.
expect_exit 0 "$SMIME" check
stored_as_imported root sub1 sub2 sub4 sub5 sub6
server_stop files
server_stop hole

echo "crl-fetch: ok"
