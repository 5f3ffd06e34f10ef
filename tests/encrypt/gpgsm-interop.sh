#!/usr/bin/env bash
# gpgsm --encrypt -> smime decrypt and smime encrypt -> gpgsm --decrypt (RSA, AES),
# in a throwaway GNUPGHOME.
source "$(dirname "$0")/common.sh"
command -v gpgsm >/dev/null || { echo "gpgsm missing: skip"; exit 77; }
command -v gpgconf >/dev/null || { echo "gpgconf missing: skip"; exit 77; }
export GNUPGHOME=$WORK/gnupg
mkdir -m 700 "$GNUPGHOME"
echo allow-loopback-pinentry > "$GNUPGHOME/gpg-agent.conf"
trap 'gpgconf --kill all >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
G=(gpgsm --batch --yes --disable-crl-checks --disable-dirmngr --pinentry-mode loopback --passphrase-fd 0)
# Trust the test root (trustlist.txt, "S" = S/MIME), then import the chain and bob's key.
fpr=$(openssl x509 -in "$PKI/ca.pem" -noout -fingerprint -sha1 | sed 's/.*=//')
echo "$fpr S relax" > "$GNUPGHOME/trustlist.txt"
"${G[@]}" --import "$PKI/ca.pem" "$PKI/sub.pem" < /dev/null 2>/dev/null
# gpgsm 2.2 reads only the old PKCS#12 encryption (3DES), not OpenSSL 3's PBES2 default.
# Its PKCS#12 reader rejects about one export in fifteen of the same key and
# certificate ("possibly bad passphrase": it depends on the random salt), so
# a fresh export is tried up to five times.
p12_imported=false
for attempt in 1 2 3 4 5; do
    openssl pkcs12 -export -in "$PKI/bob.pem" -inkey "$PKI/bob.key" -out "$WORK/bob-legacy.p12" \
        -passout file:"$PKI/pass.txt" -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -macalg sha1
    if "${G[@]}" --import "$WORK/bob-legacy.p12" < "$PKI/pass.txt" 2>"$WORK/p12.err"; then
        p12_imported=true
        break
    fi
done
$p12_imported || { cat "$WORK/p12.err"; fail "gpgsm import p12 (5 fresh exports)"; }
"${G[@]}" --import "$PKI/alice.pem" < /dev/null 2>/dev/null

HOME_B=$WORK/bob; import_keys "$HOME_B" bob
HOME_A=$WORK/alice; import_keys "$HOME_A" alice; import_certs "$HOME_A" bob
make_message "$WORK/msg.eml"
printf 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n' > "$WORK/entity"
body_of "$WORK/msg.eml" >> "$WORK/entity"

# gpgsm -> smime, with each AES the issue names
for algo in AES AES256; do
    "${G[@]}" --cipher-algo "$algo" --encrypt -r bob@example.org "$WORK/entity" > "$WORK/g.der" < /dev/null \
        2>"$WORK/g.err" || { cat "$WORK/g.err"; fail "gpgsm --encrypt"; }
    { printf 'From: alice@example.org\nTo: bob@example.org\nSubject: quarterly numbers\nMIME-Version: 1.0\n'
      printf 'Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\n'
      printf 'Content-Transfer-Encoding: base64\n\n'; base64 < "$WORK/g.der"; } > "$WORK/g.eml"
    "$SMIME" --home "$HOME_B" decrypt "$WORK/g.eml" > "$WORK/g.out" || fail "smime cannot decrypt gpgsm ($algo)"
    body_of "$WORK/g.out" | cmp - <(body_of "$WORK/msg.eml") || fail "gpgsm -> smime plaintext ($algo)"
    echo "ok: gpgsm -> smime ($algo, $(header_of "$WORK/g.out" X-SMIME-Encryption))"
done

# smime -> gpgsm
for c in aes128-cbc aes256-cbc; do
    "$SMIME" --home "$HOME_A" encrypt --to bob@example.org --cipher $c "$WORK/msg.eml" > "$WORK/s.eml"
    body_of "$WORK/s.eml" | base64 -d > "$WORK/s.der"
    "${G[@]}" --decrypt "$WORK/s.der" < "$PKI/pass.txt" > "$WORK/s.dec" 2>"$WORK/s.err" \
        || { cat "$WORK/s.err"; fail "gpgsm cannot decrypt smime ($c)"; }
    tr -d '\r' < "$WORK/s.dec" | cmp - "$WORK/entity" || fail "smime -> gpgsm plaintext ($c)"
    echo "ok: smime -> gpgsm ($c)"
done
