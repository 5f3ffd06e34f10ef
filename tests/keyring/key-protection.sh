#!/usr/bin/env bash
# A stored key keeps the protection it came with: the encrypted key bag of
# a PKCS#12 made by openssl (PBES2, 2,048 PBKDF2 iterations) is stored as it
# is, not re-encrypted under GnuTLS's 600,000 iterations, which cost every
# sign and decrypt tens of milliseconds. --strong-protection asks for that.
source "$TESTS_DIR/lib/common.sh"
make_pki

# PBKDF2 iteration count of the stored key of alice (openssl asn1parse).
stored_iterations() {
    openssl asn1parse -in "$SMIME_HOME"/keys/*.pem | awk '/:PBKDF2/ {p=1} p && /prim: INTEGER/ {print $NF; exit}' |
        sed 's/^://' | { read -r hex; echo $((16#$hex)); }
}
openssl pkcs12 -in "$PKI/alice.p12" -passin file:"$PKI/pass.txt" -info -noout 2>&1 | grep -q 'Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 2048' ||
    fail "the test PKCS#12 is not what openssl 3 makes by default"

expect_exit 0 "$SMIME" import-cert --trust "$PKI/ca.pem" "$PKI/sub.pem"
expect_exit 0 "$SMIME" import-cert --passphrase-file "$PKI/pass.txt" "$PKI/alice.p12"
[ "$(stored_iterations)" = 2048 ] || fail "stored key re-encrypted: $(stored_iterations) iterations"
printf 'From: alice@example.org\nSubject: p\n\nhello\n' >"$WORK/msg.eml"
expect_exit 2 "$SMIME" sign "$WORK/msg.eml"  # still encrypted
expect_exit 0 "$SMIME" sign --passphrase-file "$PKI/pass.txt" "$WORK/msg.eml"
openssl cms -verify -CAfile "$PKI/ca.pem" -in "$WORK/out" -out /dev/null 2>/dev/null || fail "signature does not verify"

# --strong-protection: re-encrypted at GnuTLS's cost, still opened by the passphrase.
expect_exit 0 "$SMIME" import-cert --strong-protection --passphrase-file "$PKI/pass.txt" "$PKI/alice.p12"
[ "$(stored_iterations)" = 600000 ] || fail "--strong-protection stored $(stored_iterations) iterations"
expect_exit 0 "$SMIME" sign --passphrase-file "$PKI/pass.txt" "$WORK/msg.eml"
expect_exit 2 "$SMIME" sign --passphrase-fd 6 "$WORK/msg.eml" 6< <(echo wrong)

# import-key: an unencrypted key cannot be protected without a passphrase;
# with one it is stored encrypted under it.
rm -f "$SMIME_HOME"/keys/*.pem
expect_exit 2 "$SMIME" import-key --strong-protection "$PKI/alice.key"
expect_grep 'needs a passphrase' "$WORK/err"
[ -z "$(ls "$SMIME_HOME"/keys/)" ] || fail "a key was stored by a refused import"
expect_exit 0 "$SMIME" import-key --strong-protection --passphrase-file "$PKI/pass.txt" "$PKI/alice.key"
[ "$(stored_iterations)" = 600000 ] || fail "import-key --strong-protection stored $(stored_iterations) iterations"
expect_exit 2 "$SMIME" sign "$WORK/msg.eml"
expect_exit 0 "$SMIME" sign --passphrase-file "$PKI/pass.txt" "$WORK/msg.eml"
