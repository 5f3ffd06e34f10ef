#!/usr/bin/env bash
# Every refusal of the keyring commands: exit code, message, status line,
# and the keyring exactly as it was.
source "$TESTS_DIR/lib/common.sh"
make_pki
"$SMIME" import-cert --trust "$PKI/ca.pem" 2>/dev/null
"$SMIME" import-cert "$PKI/sub.pem" "$PKI/alice.pem" 2>/dev/null
snapshot before

# End-entity certificate without an address: refused, exit 1.
expect_exit 1 "$SMIME" --status-fd 3 import-cert "$PKI/noemail.pem" 3>"$WORK/status"
expect_grep "refused: end-entity certificate without an email address" "$WORK/err"
expect_grep '"status":"failed".*"result":"refused"' "$WORK/status"
expect_unchanged before

# A key before its certificate.
expect_exit 1 "$SMIME" import-key "$PKI/bob.key"
expect_grep "no certificate in the keyring matches this key; import the certificate first" "$WORK/err"
expect_unchanged before

# Garbage, empty and missing files.
head -c 3000 /dev/urandom >"$WORK/garbage"
expect_exit 2 "$SMIME" import-cert "$WORK/garbage"
expect_grep "not a certificate" "$WORK/err"
: >"$WORK/empty"
expect_exit 2 "$SMIME" import-cert "$WORK/empty"
expect_exit 2 "$SMIME" import-key "$WORK/garbage"
expect_grep "not a private key" "$WORK/err"
expect_exit 2 "$SMIME" import-crl "$WORK/garbage"
expect_exit 2 "$SMIME" import-cert "$WORK/does-not-exist"
expect_grep "No such file" "$WORK/err"
expect_unchanged before

# Wrong or missing passphrase.
echo "wrong" >"$WORK/wrong.txt"
"$SMIME" import-cert "$PKI/bob.pem" 2>/dev/null
snapshot before
expect_exit 2 "$SMIME" import-key --passphrase-file "$WORK/wrong.txt" "$PKI/bob-enc.key"
expect_grep "wrong passphrase" "$WORK/err"
expect_exit 2 "$SMIME" import-key "$PKI/bob-enc.key" </dev/null
expect_grep "passphrase-file" "$WORK/err"
expect_exit 2 "$SMIME" import-cert --passphrase-file "$WORK/wrong.txt" "$PKI/carol.p12"
expect_grep "wrong passphrase" "$WORK/err"
expect_exit 2 "$SMIME" import-key --passphrase-file "$WORK/nope.txt" "$PKI/bob-enc.key"
expect_unchanged before

# A CRL whose issuer is not in the keyring (a foreign CA signs it).
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/x.key" -subj "/CN=Other CA" -out "$WORK/x.pem" 2>/dev/null
openssl crl -in "$PKI/crl.pem" -out "$WORK/crl.der" -outform DER
cat > "$WORK/ca.cnf" <<CNF
[ca]
default_ca = x
[x]
database = $WORK/index.txt
certificate = $WORK/x.pem
private_key = $WORK/x.key
default_md = sha256
default_crl_days = 30
CNF
: >"$WORK/index.txt"
openssl ca -batch -config "$WORK/ca.cnf" -gencrl -out "$WORK/foreign.crl" 2>/dev/null
expect_exit 1 "$SMIME" import-crl "$WORK/foreign.crl"
expect_grep "does not verify with any certificate in the keyring" "$WORK/err"
expect_unchanged before

# Usage errors: unknown option, unknown command, bad --status-fd.
expect_exit 2 "$SMIME" --bogus list
expect_exit 2 "$SMIME" frobnicate
expect_exit 2 "$SMIME" --status-fd 57 list
expect_grep "not open" "$WORK/err"
expect_exit 0 "$SMIME" --help
expect_exit 0 "$SMIME" help list
expect_grep "secret" "$WORK/out"

# Queries for export/delete/trust: no match 1, malformed 2, ambiguous 1 with candidates.
expect_exit 1 "$SMIME" export nobody@example.org
expect_exit 2 "$SMIME" export abc
expect_grep "neither an email address nor a fingerprint" "$WORK/err"
cp "$PKI/alice.pem" "$WORK/alice2.pem"
# A second certificate for alice (same key, new serial) makes her address ambiguous.
openssl x509 -in "$PKI/alice.pem" -noout >/dev/null
openssl req -new -key "$PKI/alice.key" -subj "/CN=alice2" -out "$WORK/a2.csr" 2>/dev/null
printf 'subjectAltName=email:alice@example.org\nkeyUsage=digitalSignature,keyEncipherment\n' >"$WORK/a2.ext"
openssl x509 -req -in "$WORK/a2.csr" -CA "$PKI/sub.pem" -CAkey "$PKI/sub.key" -set_serial 999 -days 30 \
    -extfile "$WORK/a2.ext" -out "$WORK/alice2.pem" 2>/dev/null
"$SMIME" import-cert "$WORK/alice2.pem" 2>/dev/null
snapshot before
expect_exit 1 "$SMIME" export alice@example.org
[ "$(grep -Ec '^[0-9a-f]{64} alice@example.org$' "$WORK/err")" = 2 ] || { cat "$WORK/err"; fail "candidates not listed"; }
expect_exit 1 "$SMIME" delete --yes alice@example.org
expect_exit 1 "$SMIME" trust alice@example.org

# Delete without --yes when stdin is not a terminal.
expect_exit 1 "$SMIME" delete bob@example.org </dev/null
expect_grep "without --yes" "$WORK/err"
expect_unchanged before

# A keyring that cannot be written.
: >"$WORK/not-a-dir"
expect_exit 2 "$SMIME" --home "$WORK/not-a-dir/home" import-cert "$PKI/bob.pem"
# A broken config file.
printf 'no group here\n' >"$SMIME_HOME/smime.conf"
expect_exit 2 "$SMIME" list
expect_grep "smime.conf" "$WORK/err"
rm "$SMIME_HOME/smime.conf"

# check finds what it should.
touch "$SMIME_HOME/certs/dropped.der"
expect_exit 1 "$SMIME" check
expect_grep "dropped.der: not part of the keyring" "$WORK/err"
rm "$SMIME_HOME/certs/dropped.der"
"$SMIME" import-key "$PKI/alice.key" 2>/dev/null
chmod 644 "$SMIME_HOME"/keys/*.pem
expect_exit 1 "$SMIME" check
expect_grep "chmod 600" "$WORK/err"
chmod 600 "$SMIME_HOME"/keys/*.pem
one=$(ls "$SMIME_HOME"/certs | head -1)
mv "$SMIME_HOME/certs/$one" "$WORK/"
expect_exit 1 "$SMIME" check
expect_grep "without a certificate file" "$WORK/err"
mv "$WORK/$one" "$SMIME_HOME/certs/"
expect_exit 0 "$SMIME" check

# A keyring or key file other users can write is refused (as ssh does).
chmod 770 "$SMIME_HOME"
expect_exit 2 "$SMIME" list
expect_grep "other users can write it; fix with: chmod 700" "$WORK/err"
chmod 700 "$SMIME_HOME"
expect_exit 0 "$SMIME" list

# One bad file among several: the others are still imported, exit 2.
expect_exit 2 "$SMIME" import-cert "$WORK/garbage" "$PKI/carol.pem"
expect_grep "garbage: not a certificate" "$WORK/err"
expect_exit 0 "$SMIME" list carol@example.org
expect_grep "carol@example.org" "$WORK/out"
echo ok
