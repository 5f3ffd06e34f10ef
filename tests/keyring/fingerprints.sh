#!/usr/bin/env bash
# Fingerprints in every spelling (SHA-256 or SHA-1, upper or lower case,
# with ':' or spaces, a prefix of 8 or 16 digits) on list, export, trust,
# delete, sign --from and encrypt --to/--from; malformed ones are exit 2,
# ones that match nothing exit 1 (sign: none, as for an address without a key).
# An ambiguous prefix of 8+ digits cannot be made with real certificates in
# a test (it takes ~2^16 of them); tests/keyring/test_fingerprint_query.cpp
# checks that select_certificates returns every candidate, and refusals.sh
# the candidate listing.
source "$TESTS_DIR/lib/common.sh"
make_pki
cd "$WORK"

# A second certificate for alice and for bob (same key, newer): by address
# the newest is used, by fingerprint exactly the one named.
second() {  # second NAME
    openssl req -new -key "$PKI/$1.key" -subj "/CN=${1}2" -out "$1.csr" 2>/dev/null
    printf 'subjectAltName=email:%s@example.org\nkeyUsage=digitalSignature,keyEncipherment\n' "$1" >"$1.ext"
    openssl x509 -req -in "$1.csr" -CA "$PKI/sub.pem" -CAkey "$PKI/sub.key" -set_serial 77$RANDOM -days 30 \
        -extfile "$1.ext" -out "${1}2.pem" 2>/dev/null
}
second alice
second bob
expect_exit 0 "$SMIME" import-cert --trust "$PKI/ca.pem"
expect_exit 0 "$SMIME" import-cert "$PKI/sub.pem" "$PKI/alice.pem" "$PKI/bob.pem" "$PKI/expired.pem"
expect_exit 0 "$SMIME" import-cert alice2.pem bob2.pem
expect_exit 0 "$SMIME" import-key "$PKI/alice.key" "$PKI/expired.key"

sha256() { openssl x509 -in "$1" -outform DER | sha256sum | cut -c1-64; }
# forms FILE: one spelling per line.
forms() {
    local lower upper colons sha1
    lower=$(sha256 "$1")
    upper=$(tr a-f A-F <<<"$lower")
    colons=$(openssl x509 -in "$1" -noout -fingerprint -sha256 | cut -d= -f2)  # AB:CD:…
    sha1=$(openssl x509 -in "$1" -noout -fingerprint -sha1 | cut -d= -f2)
    printf '%s\n' "$lower" "$upper" "$colons" "${colons//:/ }" "${colons,,}" \
        "${lower:0:16}" "${upper:0:16}" "${colons:0:23}" "${lower:0:8}" "${colons:0:11}" \
        "$sha1" "${sha1//:/}" "$(tr A-F a-f <<<"${sha1//:/}")" "${sha1//:/ }"
}
alice=$(sha256 "$PKI/alice.pem")
bob=$(sha256 "$PKI/bob.pem")
[ "$(forms "$PKI/alice.pem" | wc -l)" = 14 ] || fail "forms"

printf 'From: someone@example.org\nTo: other@example.org\nSubject: fingerprints\n\nhello\n' >msg.eml

while IFS= read -r form; do
    # list: exactly the one certificate.
    expect_exit 0 "$SMIME" --json list "$form"
    /usr/bin/python3 -c 'import json,sys; d=json.load(open("out")); assert [e["fingerprint"] for e in d]==[sys.argv[1]], d' \
        "$alice" || fail "list '$form'"
    # export: that certificate.
    expect_exit 0 "$SMIME" export --der "$form"
    cmp -s out <(openssl x509 -in "$PKI/alice.pem" -outform DER) || fail "export '$form'"
    # trust, and back.
    expect_exit 0 "$SMIME" --status-fd 3 trust "$form" 3>status
    expect_grep "\"fingerprint\":\"$alice\".*\"trust_anchor\":\"yes\"" status
    expect_exit 0 "$SMIME" trust --remove "$form"
    # sign --from: alice's older certificate, not the newest one of her address.
    expect_exit 0 "$SMIME" --status-fd 3 sign --from "$form" msg.eml 3>status
    expect_grep "\"op\":\"sign\",\"status\":\"ok\",\"signer\":\"alice@example.org\",\"fingerprint\":\"$alice\"" status
    # encrypt --sign --from: the same.
    expect_exit 0 "$SMIME" --status-fd 3 encrypt --to bob@example.org --sign --from "$form" msg.eml 3>status
    expect_grep "\"op\":\"sign\",\"status\":\"ok\".*\"fingerprint\":\"$alice\"" status
    # delete: gone, then imported again.
    expect_exit 0 "$SMIME" delete --yes "$form"
    expect_exit 0 "$SMIME" list alice@example.org
    expect_no_grep "$alice" out
    expect_exit 0 "$SMIME" import-cert "$PKI/alice.pem"
    expect_exit 0 "$SMIME" import-key "$PKI/alice.key"
done < <(forms "$PKI/alice.pem")

# By address the newest certificate is used (that is what --from FPR overrides).
# The loop re-imported alice.pem last; make alice2.pem the newest import again.
expect_exit 0 "$SMIME" delete --yes "$(sha256 alice2.pem)"
expect_exit 0 "$SMIME" import-cert alice2.pem
expect_exit 0 "$SMIME" import-key "$PKI/alice.key"
expect_exit 0 "$SMIME" --status-fd 3 sign --from alice@example.org msg.eml 3>status
expect_no_grep "\"fingerprint\":\"$alice\"" status

# encrypt --to: bob's older certificate, reported by its address.
while IFS= read -r form; do
    expect_exit 0 "$SMIME" --status-fd 3 encrypt --to "$form" msg.eml 3>status
    expect_grep "\"op\":\"encrypt\",\"status\":\"ok\",\"recipient\":\"bob@example.org\".*\"fingerprint\":\"$bob\"" status
done < <(forms "$PKI/bob.pem")
expect_exit 0 "$SMIME" --status-fd 3 encrypt --to bob@example.org msg.eml 3>status
expect_no_grep "\"fingerprint\":\"$bob\"" status

# The certificate a fingerprint names must still be usable: an expired one
# (with its key) neither signs nor is encrypted to.
expired=$(sha256 "$PKI/expired.pem")
expect_exit 3 "$SMIME" sign --from "${expired:0:16}" msg.eml
expect_grep "no valid certificate with a private key" err
expect_exit 1 "$SMIME" sign --require --from "$expired" msg.eml
expect_exit 1 "$SMIME" encrypt --to "${expired:0:16}" msg.eml
expect_grep "expired" err
# A certificate without a key does not sign.
expect_exit 3 "$SMIME" sign --from "$bob" msg.eml

# Malformed: too short, not hex, too long → exit 2; no match → exit 1.
for cmd in export trust "delete --yes"; do
    for bad in "${alice:0:7}" "${alice:0:6}:G1" "${alice}0" "AB::CD:"; do
        # shellcheck disable=SC2086
        expect_exit 2 "$SMIME" $cmd "$bad"
        expect_grep "neither an email address nor a fingerprint" err
    done
    # shellcheck disable=SC2086
    expect_exit 1 "$SMIME" $cmd "00000000:00000000"
    expect_grep "no certificate matches" err
done
expect_exit 0 "$SMIME" list "00:00:00:00:00:00:00:00"
[ "$(cat out)" = "" ] || fail "list of an unknown fingerprint"
expect_exit 3 "$SMIME" sign --from "00000000 00000000" msg.eml
expect_exit 1 "$SMIME" encrypt --to "00000000 00000000" msg.eml
expect_grep "no certificate for recipient" err
expect_exit 3 "$SMIME" encrypt --policy if-possible --to "00000000 00000000" msg.eml
"$SMIME" check || fail "keyring not clean"
echo "fingerprints: ok"
