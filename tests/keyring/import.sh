#!/usr/bin/env bash
# import-cert/import-key/import-crl/list/export/trust/delete on the happy path.
source "$TESTS_DIR/lib/common.sh"
make_pki

expect_exit 0 "$SMIME" import-cert --trust "$PKI/ca.pem"
expect_exit 0 "$SMIME" import-cert "$PKI/sub.pem" "$PKI/alice.pem" "$PKI/bob.pem" "$PKI/carol.pem"
expect_grep "alice@example.org .*: imported" "$WORK/err"
[ "$(stat -c %a "$SMIME_HOME")" = 700 ] || fail "home not 0700"

# Re-import is a no-op reported as unchanged, also from stdin.
expect_exit 0 "$SMIME" --status-fd 3 import-cert - 3>"$WORK/status" <"$PKI/alice.pem"
expect_grep '"op":"import-cert","status":"ok".*"result":"unchanged"' "$WORK/status"

# Keys: PKCS#8 plain, encrypted with passphrase, EC; stored 0600.
expect_exit 0 "$SMIME" import-key "$PKI/alice.key"
expect_exit 0 "$SMIME" import-key --passphrase-file "$PKI/pass.txt" "$PKI/bob-enc.key"
SMIME_PASSPHRASE_FILE=$PKI/pass.txt expect_exit 0 "$SMIME" import-key "$PKI/carol-enc.key"
for f in "$SMIME_HOME"/keys/*; do [ "$(stat -c %a "$f")" = 600 ] || fail "$f not 0600"; done
grep -q "ENCRYPTED PRIVATE KEY" "$SMIME_HOME"/keys/* || fail "encrypted key not stored encrypted"

# PKCS#12 brings certificate and key.
expect_exit 0 "$SMIME" import-cert --passphrase-file "$PKI/pass.txt" "$PKI/dave.p12"
expect_exit 0 "$SMIME" list --secret dave@example.org
expect_grep "key: yes" "$WORK/out"

# DER and PKCS#7 bundles.
openssl x509 -in "$PKI/revoked.pem" -outform DER -out "$WORK/revoked.der"
expect_exit 0 "$SMIME" import-cert "$WORK/revoked.der"
openssl crl2pkcs7 -nocrl -certfile "$PKI/expired.pem" -certfile "$PKI/chain.pem" -out "$WORK/bundle.p7b"
expect_exit 0 "$SMIME" import-cert "$WORK/bundle.p7b"
expect_grep "old@example.org .*: imported" "$WORK/err"

expect_exit 0 "$SMIME" import-crl "$PKI/crl.pem"
expect_exit 0 "$SMIME" import-crl "$PKI/crl.pem"
expect_grep "unchanged" "$WORK/err"

# Several CRLs per CA: the newest per scope (issuingDistributionPoint, and
# complete or delta) is kept; an older one of the same scope is unchanged,
# one of another scope never replaces the complete CRL.
mkdir "$WORK/ca" && cp -r "$PKI/ca.cnf" "$PKI/ca.db" "$PKI/sub.pem" "$PKI/sub.key" "$WORK/ca/"
cat >>"$WORK/ca/ca.cnf" <<'CNF'
[scoped]
issuingDistributionPoint = critical, @idp
[idp]
fullname = URI:http://crl.example.org/keycompromise.crl
onlysomereasons = keyCompromise
CNF
gencrl() { (cd "$WORK/ca" && openssl ca -batch -config ca.cnf -gencrl "$@" 2>/dev/null); }
gencrl -crl_lastupdate 20200101000000Z -out "$WORK/older.pem"
expect_exit 0 "$SMIME" import-crl "$WORK/older.pem"
expect_grep "unchanged" "$WORK/err"
gencrl -crlexts scoped -out "$WORK/scoped.pem"
expect_exit 0 "$SMIME" import-crl "$WORK/scoped.pem"
expect_grep "imported" "$WORK/err"
[ "$(find "$SMIME_HOME/crls" -type f | wc -l)" = 2 ] || fail "the scoped CRL replaced the complete one"
expect_exit 0 "$SMIME" import-crl "$WORK/scoped.pem" "$PKI/crl.pem"
expect_no_grep "imported" "$WORK/err"
expect_exit 0 "$SMIME" list revoked@example.org
expect_grep "state: revoked" "$WORK/out"
sleep 1  # thisUpdate has a resolution of one second
gencrl -out "$WORK/newer.pem"
expect_exit 0 "$SMIME" import-crl "$WORK/newer.pem"
expect_grep "imported" "$WORK/err"
[ "$(find "$SMIME_HOME/crls" -type f | wc -l)" = 2 ] || fail "the newer complete CRL did not replace the older"
expect_exit 0 "$SMIME" check

# A keyring from before scopes kept crls/<sha256(issuer)>.der: still read,
# accepted by check, and moved to its scope's file on the next CRL import.
complete=$(grep -L keycompromise "$SMIME_HOME"/crls/*/*.der)
mv "$complete" "$(dirname "$complete").der"
expect_exit 0 "$SMIME" check
expect_exit 0 "$SMIME" list revoked@example.org
expect_grep "state: revoked" "$WORK/out"
expect_exit 0 "$SMIME" import-crl "$WORK/newer.pem"
expect_grep "unchanged" "$WORK/err"
sleep 1
gencrl -out "$WORK/newest.pem"
expect_exit 0 "$SMIME" import-crl "$WORK/newest.pem"
expect_grep "imported" "$WORK/err"
[ "$(find "$SMIME_HOME/crls" -maxdepth 1 -type f | wc -l)" = 0 ] || fail "the old-layout CRL file was not moved"
[ "$(find "$SMIME_HOME/crls" -type f | wc -l)" = 2 ] || fail "old-layout CRL not replaced by the newer one"
expect_exit 0 "$SMIME" check

# list: states, address lookup is case-insensitive, substring and prefix search.
expect_exit 0 "$SMIME" list ALICE@example.org
expect_grep "state: valid" "$WORK/out"
expect_exit 0 "$SMIME" list revoked@example.org
expect_grep "state: revoked" "$WORK/out"
expect_exit 0 "$SMIME" list old@example.org
expect_grep "state: expired" "$WORK/out"
expect_exit 0 "$SMIME" list Caro
expect_grep "carol@example.org" "$WORK/out"
expect_exit 0 "$SMIME" --json list
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d)==8, len(d); assert sum(e["key"] for e in d)==4' "$WORK/out" \
    || fail "--json list"
fpr=$(openssl x509 -in "$PKI/alice.pem" -outform DER | sha256sum | cut -c1-64)
expect_exit 0 "$SMIME" list "${fpr:0:10}"
expect_grep "$fpr" "$WORK/out"

# export: PEM and DER are the certificate we imported.
expect_exit 0 "$SMIME" export alice@example.org
cmp <(openssl x509 -in "$WORK/out" -outform DER) <(openssl x509 -in "$PKI/alice.pem" -outform DER) || fail "export PEM"
expect_exit 0 "$SMIME" export --der "${fpr:0:8}"
cmp "$WORK/out" <(openssl x509 -in "$PKI/alice.pem" -outform DER) || fail "export DER"

# trust and untrust.
expect_exit 0 "$SMIME" trust "$(openssl x509 -in "$PKI/sub.pem" -outform DER | sha256sum | cut -c1-64)"
expect_exit 0 "$SMIME" --json list "Test Sub"
expect_grep '"trust_anchor":true' "$WORK/out"
sub_fpr=$(openssl x509 -in "$PKI/sub.pem" -outform DER | sha256sum | cut -c1-64)
expect_exit 0 "$SMIME" trust --remove "$sub_fpr"
expect_exit 0 "$SMIME" --json list "Test Sub"
expect_grep '"trust_anchor":false' "$WORK/out"

# delete: key only, then everything.
expect_exit 0 "$SMIME" delete --secret-only --yes alice@example.org
expect_exit 0 "$SMIME" list alice@example.org
expect_grep "key: no" "$WORK/out"
expect_exit 0 "$SMIME" delete --yes alice@example.org
expect_exit 0 "$SMIME" list alice@example.org
[ ! -s "$WORK/out" ] || fail "alice still listed"
expect_exit 0 "$SMIME" check

# Addresses: SmtpUTF8Mailbox (RFC 8398) and subject emailAddress are indexed
# too; matching is ASCII case-insensitive, and the exact spelling wins.
/usr/bin/python3 - "$PKI" "$WORK/joerg.pem" <<'PY'
import datetime, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID, ObjectIdentifier
pki, out = sys.argv[1], sys.argv[2]
ca = x509.load_pem_x509_certificate(open(f"{pki}/sub.pem", "rb").read())
ca_key = serialization.load_pem_private_key(open(f"{pki}/sub.key", "rb").read(), None)
key = serialization.load_pem_private_key(open(f"{pki}/bob.key", "rb").read(), None)
mailbox = "j\u00f6rg@example.org".encode()
utf8string = bytes([0x0c, len(mailbox)]) + mailbox
now = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)
cert = (x509.CertificateBuilder()
    .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "joerg"),
                             x509.NameAttribute(NameOID.EMAIL_ADDRESS, "Joerg@Example.org")]))
    .issuer_name(ca.subject).public_key(key.public_key()).serial_number(4711)
    .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=30))
    .add_extension(x509.SubjectAlternativeName([x509.OtherName(ObjectIdentifier("1.3.6.1.5.5.7.8.9"), utf8string)]), False)
    .sign(ca_key, hashes.SHA256()))
open(out, "wb").write(cert.public_bytes(serialization.Encoding.PEM))
PY
expect_exit 0 "$SMIME" import-cert "$WORK/joerg.pem"
expect_exit 0 "$SMIME" list "j$(printf '\xc3\xb6')rg@EXAMPLE.org"
expect_grep "fingerprint" "$WORK/out"
expect_exit 0 "$SMIME" list joerg@example.org
expect_grep "Joerg@Example.org" "$WORK/out"
# a second certificate spelled exactly as asked comes first
openssl req -new -key "$PKI/bob.key" -subj "/CN=joerg2" -out "$WORK/j2.csr" 2>/dev/null
printf 'subjectAltName=email:joerg@example.org\n' >"$WORK/j2.ext"
openssl x509 -req -in "$WORK/j2.csr" -CA "$PKI/sub.pem" -CAkey "$PKI/sub.key" -set_serial 4712 -days 30 \
    -extfile "$WORK/j2.ext" -out "$WORK/joerg2.pem" 2>/dev/null
expect_exit 0 "$SMIME" import-cert "$WORK/joerg2.pem"
expect_exit 0 "$SMIME" list joerg@example.org
[ "$(grep -m1 name: "$WORK/out")" = "       name: joerg2" ] || fail "exact spelling not first"
expect_exit 0 "$SMIME" list Joerg@Example.org
[ "$(grep -m1 name: "$WORK/out")" = "       name: joerg" ] || fail "exact spelling not first"
expect_exit 0 "$SMIME" check

# A CRL issuer that is not a CA (an indirect CRL issuer, a separate CRL key):
# kept by import-cert although it has no address, and the CRL it signed is
# imported (and filed under its own name).
openssl req -new -newkey rsa:2048 -nodes -keyout "$WORK/ca/crlsigner.key" -subj "/O=smime tests/CN=CRL signer" \
    -out "$WORK/crlsigner.csr" 2>/dev/null
printf 'basicConstraints = critical, CA:false\nkeyUsage = critical, cRLSign\n' >"$WORK/crlsigner.ext"
openssl x509 -req -in "$WORK/crlsigner.csr" -CA "$PKI/sub.pem" -CAkey "$PKI/sub.key" -CAserial "$WORK/sub.srl" \
    -CAcreateserial -days 30 -extfile "$WORK/crlsigner.ext" -out "$WORK/ca/crlsigner.pem" 2>/dev/null
expect_exit 0 "$SMIME" import-cert "$WORK/ca/crlsigner.pem"
expect_grep "imported" "$WORK/err"
sed 's/^certificate = sub.pem/certificate = crlsigner.pem/; s/^private_key = sub.key/private_key = crlsigner.key/' \
    "$WORK/ca/ca.cnf" >"$WORK/ca/signer.cnf"
(cd "$WORK/ca" && openssl ca -batch -config signer.cnf -gencrl -out "$WORK/indirect.pem" 2>/dev/null)
expect_exit 0 "$SMIME" import-crl "$WORK/indirect.pem"
expect_grep "CN=CRL signer.*imported" "$WORK/err"
[ "$(find "$SMIME_HOME/crls" -type f | wc -l)" = 3 ] || fail "the indirect CRL was not stored"
expect_exit 0 "$SMIME" check
echo ok
