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

. "$TESTS_DIR/notify/ticket.sh"

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
