#!/usr/bin/env bash
# NIST PKITS (the 2011 SHA-256 edition shipped by Debian's
# python3-cryptography-vectors): every signed message through
# `smime verify --no-sender-check --require-crl` with the PKITS CA
# certificates imported, the trust anchor trusted and every CRL imported
# (those that fail to import are absent). The verdict must match the test's
# name; every exception is listed in tests/sign/pkits/KNOWN.md and any change
# from that list (a new miss, or a listed miss now right) fails the test.
source "$TESTS_DIR/lib/common.sh"
set +e  # every verdict is compared, then the differences are listed
find_pkits() {
    local d
    for d in /usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data \
        $(python3 -c 'import cryptography_vectors, os; print(os.path.dirname(cryptography_vectors.__file__) + "/x509/PKITS_data")' 2>/dev/null); do
        [ -d "$d/smime" ] && { echo "$d"; return 0; }
    done
    return 1
}
pkits=$(find_pkits)
if [ -z "$pkits" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -q python3-cryptography-vectors >/dev/null 2>&1
    pkits=$(find_pkits)
fi
[ -n "$pkits" ] || skip "PKITS (python3-cryptography-vectors) not available"

work=$WORK
home=$work/home
smime() { "$SMIME" --home "$home" "$@"; }
smime import-cert --trust "$pkits/certs/TrustAnchorRootCertificate.crt" >/dev/null 2>&1 || { echo "anchor import failed"; exit 1; }
# All at once: import goes on past the files it refuses (some PKITS
# certificates are deliberately unparsable, end-entity certificates carry no
# address, which is fine since the messages carry them; CRLs that do not
# verify stay out). One process each keeps this test fast under ASan.
smime import-cert "$pkits"/certs/*.crt >/dev/null 2>&1
smime import-crl "$pkits"/crls/*.crl >/dev/null 2>&1

results=$work/results
for message in "$pkits"/smime/*.eml; do
    name=$(basename "$message" .eml)
    name=${name#Signed}
    case $name in
        Valid*) want=valid ;;
        Invalid*) want=invalid ;;
        *) want=unlabeled ;;
    esac
    smime --status-fd 3 verify --status-only --no-sender-check --require-crl "$message" 3>"$work/status" 2>/dev/null
    rc=$?
    case $rc in
        0) got=valid ;;
        1) got=invalid ;;
        *) got="exit-$rc" ;;
    esac
    reason=$(sed -En 's/.*"reason":"(([^"\\]|\\.)*)".*/\1/p' "$work/status" | sed 's/\\"/"/g')
    [ "$want" = "$got" ] || echo "$name $want $got${reason:+ ($reason)}"
done | sort >"$results"

right=$(( $(ls "$pkits"/smime/*.eml | wc -l) - $(grep -vc ' unlabeled ' "$results") ))
echo "PKITS: $right of $(ls "$pkits"/smime/*.eml | wc -l) messages verified as their name says (unlabeled ones counted as right)"
# KNOWN.md lists the exceptions between the ```known fences, one per line:
# "NAME WANT GOT" (the reason in parentheses is informational).
sed -n '/^```known$/,/^```$/p' "$TESTS_DIR/sign/pkits/KNOWN.md" | sed '1d;$d' | sed 's/ (.*//' | sort >"$work/known"
sed 's/ (.*//' "$results" >"$work/got"
if ! diff -u "$work/known" "$work/got"; then
    echo "PKITS results differ from tests/sign/pkits/KNOWN.md (- listed, + now):"
    cat "$results"
    exit 1
fi
echo "matches KNOWN.md"
