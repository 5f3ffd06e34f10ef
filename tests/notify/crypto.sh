#!/usr/bin/env bash
# send-notification with each policy over SMTP, sender with a certificate
# and key: what arrived is checked with openssl (each encrypted message opens
# with only its recipient's key, signatures verify to the test root).
. "$TESTS_DIR/notify/lib.sh"
command -v openssl >/dev/null || skip "openssl not found"
pki
seed alice+key bob carol expired
printf '<p>Ticket #7 was updated</p>\n' >"$WORK/body.html"
echo "pw" >"$WORK/smtp-pass"
start_server --tls starttls --user notifier --password pw

. "$TESTS_DIR/notify/ticket.sh"

# required: bob (RSA) and carol (EC) encrypted and signed; no certificate, no message.
send required alice@example.org bob@example.org carol@example.org nocert@example.org old@example.org
expect_rc 1 "required, one without certificate, one with an expired one"
expect_status bob@example.org ok '"signed":"true"' '"encrypted":"true"'
expect_status carol@example.org ok '"signed":"true"' '"encrypted":"true"'
expect_status nocert@example.org not-sent '"reason":"'
expect_status old@example.org not-sent '"reason":"'
[ -z "$(arrived_for nocert@example.org)" ] || fail "nocert got a message under required"
[ -z "$(arrived_for old@example.org)" ] || fail "old (expired certificate) got a message under required"
[ "$(arrived_count)" = 2 ] || fail "required: want 2 messages, got $(arrived_count)"
for who in bob carol; do
    f=$(only_one $who@example.org)
    opens "$f" $who
    verifies "$f.dec"
done

# if-possible: bob encrypted; nocert gets the signed message unencrypted; all sent.
send if-possible alice@example.org bob@example.org nocert@example.org
expect_rc 0 "if-possible"
expect_status bob@example.org ok '"signed":"true"' '"encrypted":"true"'
expect_status nocert@example.org ok '"signed":"true"' '"encrypted":"false"' 'unencrypted_reason'
opens "$(only_one bob@example.org)" bob
verifies "$(only_one bob@example.org).dec"
f=$(only_one nocert@example.org)
header "$f" Content-Type | grep -q 'multipart/signed' || fail "if-possible fallback not signed: $(header "$f" Content-Type)"
verifies "$f"

# A sender without a key: encrypted, unsigned.
send required noreply@helpdesk.example bob@example.org
expect_rc 0 "unsigned sender"
expect_status bob@example.org ok '"signed":"false"' '"encrypted":"true"'
f=$(only_one bob@example.org)
opens "$f" bob
grep -q "Ticket #7 was updated" "$f.dec" || fail "decrypted content lacks the body"
if grep -qi "pkcs7-signature\|signed-data" "$f.dec"; then fail "sender without key produced a signature"; fi
stop_server
echo "crypto: ok"
