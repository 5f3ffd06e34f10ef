#!/usr/bin/env bash
# send-notification --encryption none over SMTP, sender with a certificate
# and key: every message is signed; openssl verifies it to the test root.
. "$TESTS_DIR/notify/lib.sh"
command -v openssl >/dev/null || skip "openssl not found"
pki
seed alice+key bob carol
printf '<p>Ticket #7 was updated</p>\n' >"$WORK/body.html"
echo "pw" >"$WORK/smtp-pass"
start_server --tls starttls --user notifier --password pw

# send POLICY FROM ADDR...
send() {
    local policy=$1 from=$2; shift 2
    local to=()
    for a in "$@"; do to+=(--to "$a"); done
    rm -f "$MAILDIR"/*
    notify --from "$from" "${to[@]}" --subject 'Ticket #7' --html "$WORK/body.html" --encryption "$policy" \
        --smtp "smtp://127.0.0.1:$PORT" --smtp-user notifier --smtp-password-file "$WORK/smtp-pass" --smtp-ca "$TLS_CA"
    if [ "$RC" = 2 ] && grep -q "not implemented yet" <<<"$ERR"; then
        skip "sign is not in this build yet: $ERR"
    fi
}
only_one() {  # only_one ADDR: the one message that arrived for ADDR
    local files
    files=$(arrived_for "$1")
    [ "$(grep -c . <<<"$files")" = 1 ] || fail "$1: want one message, got: $files"
    [ "$(header "$files" To)" = "$1" ] || fail "$1: To header $(header "$files" To)"
    echo "$files"
}
# opens FILE NAME: decrypts with NAME's key alone into FILE.dec; any other key fails.
opens() {
    local f=$1 name=$2 other
    header "$f" Content-Type | grep -q 'application/pkcs7-mime' || fail "$f not encrypted: $(header "$f" Content-Type)"
    openssl cms -decrypt -in "$f" -recip "$PKI/$name.pem" -inkey "$PKI/$name.key" -out "$f.dec" 2>"$WORK/ossl" \
        || fail "$name cannot decrypt $f: $(cat "$WORK/ossl")"
    for other in bob carol; do
        [ "$other" = "$name" ] && continue
        if openssl cms -decrypt -in "$f" -recip "$PKI/$other.pem" -inkey "$PKI/$other.key" -out /dev/null 2>/dev/null; then
            fail "$other's key opens the message for $name"
        fi
    done
}
# verifies FILE: an S/MIME signature by alice that openssl accepts; content into FILE.content
verifies() {
    openssl cms -verify -in "$1" -CAfile "$PKI/ca.pem" -out "$1.content" -signer "$1.signer" 2>"$WORK/ossl" \
        || fail "signature of $1 does not verify: $(cat "$WORK/ossl")"
    openssl x509 -in "$1.signer" -noout -ext subjectAltName | grep -q alice@example.org || fail "$1 not signed by alice"
    grep -q "Ticket #7 was updated" "$1.content" || fail "$1: signed content lacks the body"
}

# none: signed, never encrypted, even for recipients with a certificate.
send none alice@example.org bob@example.org carol@example.org
expect_rc 0 "none"
for who in bob carol; do
    expect_status $who@example.org ok '"signed":"true"' '"encrypted":"false"'
    f=$(only_one $who@example.org)
    header "$f" Content-Type | grep -q 'multipart/signed' || fail "none: not signed: $(header "$f" Content-Type)"
    verifies "$f"
done

# A passphrase-protected sender key, unlocked with --passphrase-file.
rm -rf "$HOME_DIR"
"$SMIME" --home "$HOME_DIR" -q import-cert "$PKI/chain.pem" "$PKI/alice.pem" "$PKI/bob.pem" >/dev/null
"$SMIME" --home "$HOME_DIR" -q import-key --passphrase-file "$PKI/pass.txt" "$PKI/alice-enc.key" >/dev/null
rm -f "$MAILDIR"/*
notify --from alice@example.org --to bob@example.org --subject 'Ticket #7' --html "$WORK/body.html" \
    --passphrase-file "$PKI/pass.txt" \
    --smtp "smtp://127.0.0.1:$PORT" --smtp-user notifier --smtp-password-file "$WORK/smtp-pass" --smtp-ca "$TLS_CA"
expect_rc 0 "encrypted sender key"
expect_status bob@example.org ok '"signed":"true"'
verifies "$(only_one bob@example.org)"
# Without the passphrase the command cannot run: exit 2 and nothing is sent
# (every message is prepared before the first is delivered).
rm -f "$MAILDIR"/*
notify --from alice@example.org --to bob@example.org --to carol@example.org --subject 'Ticket #7' \
    --html "$WORK/body.html" \
    --smtp "smtp://127.0.0.1:$PORT" --smtp-user notifier --smtp-password-file "$WORK/smtp-pass" --smtp-ca "$TLS_CA"
expect_rc 2 "encrypted sender key without passphrase"
grep -q passphrase <<<"$ERR" || fail "no word about the passphrase: $ERR"
[ "$(arrived_count)" = 0 ] || fail "sent although signing could not work"
stop_server
echo "signed: ok"
