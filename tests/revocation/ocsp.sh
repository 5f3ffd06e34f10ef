#!/usr/bin/env bash
# OCSP revocation checking of verify, against local responders: `openssl
# ocsp` for real answers (good, revoked, unknown; a wrong signer), a black
# hole that never answers, and a server replaying one saved answer (a nonce
# that does not match). Each case checks the exit code, the status, the
# "revocation" field of the status line and, where it matters, how many
# requests a server got.
#
# PKI: Root (trusted) → Sub CA → leaves; the responder signs with a
# delegated certificate from the Sub CA (EKU OCSPSigning). The Sub CA has no
# AIA: a CRL from the root, imported into the keyring, covers it, so only
# the leaf is checked online. Each leaf's AIA names the server its case
# needs; a leaf is used by one case only, so no stored answer leaks from one
# case into another.
source "$TESTS_DIR/lib/common.sh"
command -v openssl >/dev/null || skip "openssl missing"
command -v faketime >/dev/null || skip "faketime missing (scripts/setup-deps installs it)"
[ -x /usr/bin/python3 ] || skip "/usr/bin/python3 missing"
source "$TESTS_DIR/lib/ocsp-servers.sh"
source "$TESTS_DIR/lib/openssl-ca.sh"
cd "$WORK"
ossl() { openssl "$@" 2>/dev/null; }

# The ports go into the certificates, so they are chosen first.
read -r -d '' P_OCSP P_HOLE P_WRONG P_FIXED P_EXPIRED < <(free_ports 5) || true
url() { echo "http://127.0.0.1:$1/"; }

# --- certificates -----------------------------------------------------------

export OCSP_URL=none
ca_extensions ext.cnf
cat >>ext.cnf <<'CNF'
[leaf]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = email:${ENV::EMAIL}
authorityInfoAccess = OCSP;URI:${ENV::OCSP_URL}
[responder]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = OCSPSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
noCheck = ignored
CNF

# new_ca NAME CN [ISSUER]: CA NAME (self-signed without ISSUER), 10 years.
new_ca() {
    ca_db "$1"
    ossl req -new -newkey rsa:2048 -nodes -keyout "$1.key" -subj "/CN=$2" -out "$1.csr"
    if [ -z "${3:-}" ]; then
        ossl ca -batch -config "$1.cnf" -selfsign -keyfile "$1.key" -in "$1.csr" -out "$1.pem" -notext \
            -days 3650 -extfile ext.cnf -extensions ca
    else
        ossl ca -batch -config "$3.cnf" -in "$1.csr" -out "$1.pem" -notext -days 3650 -extfile ext.cnf -extensions ca
    fi
    [ -s "$1.pem" ] || fail "openssl ca did not make $1.pem"
}
# new_cert NAME ISSUER EXT [EMAIL URL]: a certificate from CA ISSUER (in its
# index), with extension section EXT; a leaf has address EMAIL, AIA URL.
new_cert() {
    ossl req -new -newkey rsa:2048 -nodes -keyout "$1.key" -subj "/CN=$1" -out "$1.csr"
    EMAIL=${4:-none@example.org} OCSP_URL=${5:-none} ossl ca -batch -config "$2.cnf" -in "$1.csr" \
        -out "$1.pem" -notext -days 3650 -extfile ext.cnf -extensions "$3"
    [ -s "$1.pem" ] || fail "openssl ca did not make $1.pem"
}

new_ca root "OCSP Test Root"
new_ca sub "OCSP Test Sub CA" root
new_cert responder sub responder
new_cert alice sub leaf alice@example.org "$(url "$P_OCSP")"
new_cert mallory sub leaf mallory@example.org "$(url "$P_OCSP")"
new_cert dave sub leaf dave@example.org "$(url "$P_HOLE")"
new_cert frank sub leaf frank@example.org "$(url "$P_WRONG")"
new_cert grace sub leaf grace@example.org "$(url "$P_FIXED")"
new_cert heidi sub leaf heidi@example.org "$(url "$P_EXPIRED")"
# unknown: issued by the Sub CA outside `openssl ca`, so not in its index.
ossl req -new -newkey rsa:2048 -nodes -keyout unknown.key -subj "/CN=unknown" -out unknown.csr
EMAIL=unknown@example.org OCSP_URL=$(url "$P_OCSP") ossl x509 -req -in unknown.csr -CA sub.pem -CAkey sub.key \
    -set_serial 0x7777 -days 3650 -extfile ext.cnf -extensions leaf -out unknown.pem
[ -s unknown.pem ] || fail "openssl x509 did not make unknown.pem"
# other: an unrelated CA, trusted by nobody: a responder certificate that
# may not answer for the Sub CA, and trudy, whose path does not validate.
new_ca other "Unrelated CA"
new_cert other-responder other responder
new_cert trudy other leaf trudy@example.org "$(url "$P_HOLE")"

ossl ca -batch -config sub.cnf -revoke mallory.pem -crl_reason keyCompromise
ossl ca -batch -config root.cnf -gencrl -crldays 3650 -out root-crl.pem
ossl ca -batch -config sub.cnf -gencrl -crldays 3650 -out sub-crl.pem  # for case j only
grep -q '^R' sub.db/index.txt || fail "mallory not revoked in the index"

# --- messages and keyring ---------------------------------------------------

printf 'Content-Type: text/plain\n\nChecked online.\n' >body.txt
# signed NAME CA: NAME's detached signature (CA's certificate as chain), in
# NAME.eml from NAME@example.org.
signed() {
    ossl cms -sign -signer "$1.pem" -inkey "$1.key" -certfile "$2.pem" -in body.txt -out "$1.tmp" ||
        fail "openssl cms -sign for $1"
    { printf 'From: %s@example.org\nTo: bob@example.org\nSubject: ocsp\n' "$1"; cat "$1.tmp"; } >"$1.eml"
}
for who in alice mallory unknown dave frank grace heidi; do signed "$who" sub; done
signed trudy other

expect_exit 0 "$SMIME" import-cert --trust root.pem
expect_exit 0 "$SMIME" import-cert sub.pem alice.pem mallory.pem unknown.pem dave.pem frank.pem grace.pem heidi.pem
expect_exit 0 "$SMIME" import-crl root-crl.pem

# conf [LINE...]: smime.conf with a 2 s network budget (keeps the black-hole
# cases short) and LINEs.
conf() { { printf '[smime]\nrevocation-timeout = 2\n'; printf '%s\n' "$@"; } >"$SMIME_HOME/smime.conf"; }
conf

# --- assertions -------------------------------------------------------------

# The "revocation" field names where the answers for the path came from,
# several joined by a comma (smime-verify(1), STATUS): here the leaf's and
# the Sub CA's, always "crl" (the root's CRL), e.g. "ocsp,crl". "none" and
# "unknown" stand alone.
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

ocsp_start ocsp "$P_OCSP" sub.db/index.txt sub.pem responder.pem responder.key
blackhole_start hole "$P_HOLE"

# The fixture first: openssl, trusting the root, gets from the responder the
# status each certificate is meant to have. The responder is then restarted
# so that its request count starts at 0.
# fixture_says NAME STATUS: openssl gets STATUS for NAME.
fixture_says() {
    timeout 10 openssl ocsp -issuer sub.pem -cert "$1.pem" -url "$(url "$P_OCSP")" \
        -CAfile root.pem -verify_other sub.pem >"$1.ocsp" 2>&1 || true
    expect_grep "^$1.pem: $2\$" "$1.ocsp"
}
fixture_says alice good
fixture_says mallory revoked
fixture_says unknown unknown
server_stop ocsp
ocsp_start ocsp "$P_OCSP" sub.db/index.txt sub.pem responder.pem responder.key

# a. A good answer from the responder named in the AIA: ok, "ocsp", one
# request, and it carried a nonce.
verify_says alice.eml 0 ok ocsp,crl
same_count "a: responder" 1 "$(ocsp_count ocsp)"
expect_grep 'OCSP Nonce' "$WORK/ocsp.log"

# b. Verified again, the stored answer is used: "cache", with the responder
# down (a request would fail), and once it is up again it is not asked.
server_stop ocsp
verify_says alice.eml 0 ok cache,crl
ocsp_start ocsp "$P_OCSP" sub.db/index.txt sub.pem responder.pem responder.key
verify_says alice.eml 0 ok cache,crl
same_count "b: responder" 0 "$(ocsp_count ocsp)"

# c. A revoked certificate fails, whatever the policy says about unknowns.
verify_says mallory.eml 1 failed ""
reason_has revoked
same_count "c: responder" 1 "$(ocsp_count ocsp)"

# c2. encrypt: the recipient mallory, revoked by the answer stored in c, is
# refused; alice is encrypted to on her stored answer, nobody asked.
asked=$(ocsp_count ocsp)
printf 'From: bob@example.org\nTo: mallory@example.org\nSubject: x\n\nsecret\n' >to-mallory.eml
printf 'From: bob@example.org\nTo: alice@example.org\nSubject: x\n\nsecret\n' >to-alice.eml
expect_exit 1 "$SMIME" --status-fd 2 encrypt to-mallory.eml
expect_grep '"op":"encrypt","status":"failed".*revoked' "$WORK/err"
expect_exit 0 "$SMIME" --status-fd 2 encrypt to-alice.eml
expect_grep '"op":"encrypt","status":"ok"' "$WORK/err"
mv "$WORK/err" "$WORK/out" && revocation_is cache,crl
same_count "c2: responder" "$asked" "$(ocsp_count ocsp)"

# d. Status unknown (a certificate missing from the responder's index): soft
# (the default) lets it pass as "unknown", hard fails it over revocation.
verify_says unknown.eml 0 ok unknown
same_count "d: responder" 2 "$(ocsp_count ocsp)"
verify_says unknown.eml 1 failed "" --revocation hard
reason_has '[Rr]evocation'

# e. A responder that never answers: soft gives up within the budget
# (revocation-timeout = 2) and passes "unknown"; hard fails; --offline does
# not connect; --revocation off does not check.
start=$(date +%s)
verify_says dave.eml 0 ok unknown
elapsed=$(($(date +%s) - start))
[ "$elapsed" -le 15 ] || fail "e: verify took $elapsed s with a 2 s revocation-timeout"
[ "$(blackhole_count hole)" -ge 1 ] || fail "e: verify did not even try the responder"
verify_says dave.eml 1 failed "" --revocation hard
reason_has '[Rr]evocation'
held=$(blackhole_count hole)
verify_says dave.eml 0 ok unknown --offline
verify_says dave.eml 1 failed "" --offline --revocation hard
reason_has '[Rr]evocation'
verify_says dave.eml 0 ok none --revocation off
same_count "e: black hole" "$held" "$(blackhole_count hole)"

# f. An answer signed by a responder the Sub CA never authorised (its
# certificate comes from an unrelated CA) is rejected: "unknown", though the
# responder was asked and said "good".
ocsp_start wrong "$P_WRONG" sub.db/index.txt sub.pem other-responder.pem other-responder.key
verify_says frank.eml 0 ok unknown
same_count "f: wrong responder" 1 "$(ocsp_count wrong)"

# g. A replayed answer: genuine and current, but made for openssl's request,
# whose nonce it carries. With nonces (the default) it is rejected; with
# ocsp-nonce = false smime sends none and accepts it.
timeout 10 openssl ocsp -issuer sub.pem -cert grace.pem -url "$(url "$P_OCSP")" -noverify -respout saved.der >/dev/null
openssl ocsp -respin saved.der -noverify -resp_text 2>/dev/null >saved.txt
expect_grep 'Cert Status: good' saved.txt
expect_grep 'OCSP Nonce' saved.txt
fixed_start replay "$P_FIXED" saved.der
verify_says grace.eml 0 ok unknown
same_count "g: replay server" 1 "$(fixed_count replay)"
expect_grep '^POST .* application/ocsp-request ' "$WORK/replay.log"
ossl ocsp -reqin "$WORK/replay.req.1.der" -req_text >req1.txt
expect_grep 'OCSP Nonce' req1.txt
conf 'ocsp-nonce = false'
verify_says grace.eml 0 ok ocsp,crl
same_count "g: replay server" 2 "$(fixed_count replay)"
ossl ocsp -reqin "$WORK/replay.req.2.der" -req_text >req2.txt
expect_grep 'OCSP Request Data' req2.txt
expect_no_grep 'OCSP Nonce' req2.txt
conf

# h. A signer whose path does not validate (untrusted CA): failed, and the
# URL in its certificate is never contacted.
held=$(blackhole_count hole)
verify_says trudy.eml 1 failed ""
same_count "h: black hole" "$held" "$(blackhole_count hole)"

# i. --at uses only stored answers valid at that time and asks nobody:
# alice's answer (from a, good for 10 minutes) holds in a minute, not in 2030.
asked=$(ocsp_count ocsp)
verify_says alice.eml 0 ok cache,crl -- --at "$(date -u -d '+1 minute' +%Y-%m-%dT%H:%M:%SZ)"
verify_says alice.eml 0 ok unknown -- --at 2030-01-01T00:00:00Z
same_count "i: responder" "$asked" "$(ocsp_count ocsp)"

# k. An expired answer: genuine, signed by the delegated responder, but made
# two hours ago (faketime) for five minutes, so its nextUpdate has passed:
# it does not count ("unknown"; hard fails). The same answer made now does.
openssl ocsp -issuer sub.pem -cert heidi.pem -no_nonce -reqout heidi.req 2>/dev/null
answer_for_heidi() {  # answer_for_heidi OUT [faketime offset]
    local out=$1; shift
    ${1:+faketime -f "$1"} openssl ocsp -index sub.db/index.txt -CA sub.pem -rsigner responder.pem \
        -rkey responder.key -reqin heidi.req -respout "$out" -nmin 5 >/dev/null 2>&1
    [ -s "$out" ] || fail "k: no answer made in $out"
}
answer_for_heidi expired.der -2h
openssl ocsp -respin expired.der -noverify -resp_text 2>/dev/null >expired.txt
expect_grep 'Cert Status: good' expired.txt
fixed_start expired "$P_EXPIRED" expired.der
verify_says heidi.eml 0 ok unknown
verify_says heidi.eml 1 failed "" --revocation hard
reason_has 'out of date'
same_count "k: expired answers served" 2 "$(fixed_count expired)"
server_stop expired
answer_for_heidi fresh.der
fixed_start fresh "$P_EXPIRED" fresh.der
verify_says heidi.eml 0 ok ocsp,crl

# j. A keyring CRL that covers the leaf answers instead of OCSP: "crl", and
# the responder (here the black hole) is not contacted.
expect_exit 0 "$SMIME" import-crl sub-crl.pem
held=$(blackhole_count hole)
verify_says dave.eml 0 ok crl
verify_says mallory.eml 1 failed ""
reason_has revoked
same_count "j: black hole" "$held" "$(blackhole_count hole)"

echo "ocsp: ok"
