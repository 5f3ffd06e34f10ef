#!/usr/bin/env bash
# gen-many.sh PKI N OUTDIR: N end-entity certificates uN@example.org, signed
# by PKI's sub CA, all for one reused key (fast), as OUTDIR/uN.pem and one
# bundle OUTDIR/all.pem.
set -euo pipefail
pki=$1 n=$2 out=$3
mkdir -p "$out"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/key.pem" 2>/dev/null
openssl req -new -key "$out/key.pem" -subj "/CN=bulk" -out "$out/req.csr" 2>/dev/null
/usr/bin/python3 - "$pki" "$n" "$out" <<'PY'
import datetime, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID, ExtendedKeyUsageOID
pki, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ca = x509.load_pem_x509_certificate(open(f"{pki}/sub.pem", "rb").read())
ca_key = serialization.load_pem_private_key(open(f"{pki}/sub.key", "rb").read(), None)
key = serialization.load_pem_private_key(open(f"{out}/key.pem", "rb").read(), None)
now = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)
bundle = open(f"{out}/all.pem", "wb")
for i in range(n):
    cert = (x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"user {i}")]))
        .issuer_name(ca.subject).public_key(key.public_key()).serial_number(10_000 + i)
        .not_valid_before(now).not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.SubjectAlternativeName([x509.RFC822Name(f"u{i}@example.org")]), False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False)
        .sign(ca_key, hashes.SHA256()))
    pem = cert.public_bytes(serialization.Encoding.PEM)
    open(f"{out}/u{i}.pem", "wb").write(pem)
    bundle.write(pem)
PY
echo "$out"
