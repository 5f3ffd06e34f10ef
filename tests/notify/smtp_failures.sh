#!/usr/bin/env bash
# send-notification over SMTP when things go wrong: a refused recipient
# (550), a temporary failure (451), a dropped connection, the server down, a
# wrong password, no STARTTLS, an untrusted server certificate. What was not
# accepted is reported per recipient, never counted as sent, never sent twice.
. "$TESTS_DIR/notify/lib.sh"
mkdir -p "$HOME_DIR"
echo '<p>alert</p>' >"$WORK/body.html"
echo "right" >"$WORK/right-pass"
echo "wrong" >"$WORK/wrong-pass"
send() {  # send PASSFILE ADDR... (STARTTLS, AUTH, our CA)
    local pass=$1; shift
    local to=()
    for a in "$@"; do to+=(--to "$a"); done
    notify --from noreply@helpdesk.example "${to[@]}" --subject alert --html "$WORK/body.html" \
        --smtp "smtp://127.0.0.1:$PORT" --smtp-user notifier --smtp-password-file "$pass" --smtp-ca "$TLS_CA" \
        --smtp-timeout 10
}
count_for() { arrived_for "$1" | grep -c . || true; }

# 550, 451 and a dropped connection, between recipients that are accepted.
start_server --tls starttls --user notifier --password right
send "$WORK/right-pass" bob@example.org refuse-x@example.org carol@example.org later-y@example.org \
    drop-z@example.org dave@example.org defer-w@example.org erin@example.org
expect_rc 1 "some refused"
expect_status bob@example.org ok
expect_status carol@example.org ok
expect_status dave@example.org ok
expect_status refuse-x@example.org not-sent '550'
expect_status later-y@example.org not-sent '451'
expect_status drop-z@example.org not-sent 'smtp:'
expect_status defer-w@example.org not-sent '451 4.3.0 queue full'
expect_status erin@example.org ok
for a in bob carol dave erin; do [ "$(count_for $a@example.org)" = 1 ] || fail "$a: $(count_for $a@example.org) messages"; done
[ "$(arrived_count)" = 4 ] || fail "want exactly 4 messages, got $(arrived_count)"
grep -q "4 of 8 sent" <<<"$ERR" || fail "no summary on stderr: $ERR"

# Wrong password: nobody gets anything, each recipient is reported.
rm -f "$MAILDIR"/*
send "$WORK/wrong-pass" bob@example.org carol@example.org
expect_rc 1 "wrong password"
expect_status bob@example.org not-sent
expect_status carol@example.org not-sent
grep -qi "login\|auth" <<<"$(status_of bob@example.org)" || fail "reason does not name the login: $STATUS"
[ "$(arrived_count)" = 0 ] || fail "messages arrived despite the wrong password"

# Untrusted server certificate (no --smtp-ca): refused before any mail.
notify --from noreply@helpdesk.example --to bob@example.org --subject alert --html "$WORK/body.html" \
    --smtp "smtp://127.0.0.1:$PORT" --smtp-user notifier --smtp-password-file "$WORK/right-pass"
expect_rc 1 "untrusted certificate"
expect_status bob@example.org not-sent
[ "$(arrived_count)" = 0 ] || fail "mail sent to an unverified server"

# Server down: not sent, promptly.
stop_server
start=$(date +%s)
send "$WORK/right-pass" bob@example.org carol@example.org
expect_rc 1 "server down"
expect_status bob@example.org not-sent
expect_status carol@example.org not-sent
[ $(( $(date +%s) - start )) -lt 20 ] || fail "server down took too long"

# A server without STARTTLS: smtp:// requires it, so nothing is sent...
start_server --tls none
notify --from noreply@helpdesk.example --to bob@example.org --subject alert --html "$WORK/body.html" \
    --smtp "smtp://127.0.0.1:$PORT"
expect_rc 1 "no STARTTLS"
expect_status bob@example.org not-sent
[ "$(arrived_count)" = 0 ] || fail "sent in clear text although STARTTLS is required"
# ...unless plain text is explicitly allowed.
notify --from noreply@helpdesk.example --to bob@example.org --subject alert --html "$WORK/body.html" \
    --smtp "smtp://127.0.0.1:$PORT" --smtp-allow-plaintext
expect_rc 0 "--smtp-allow-plaintext"
[ "$(arrived_count)" = 1 ] || fail "plain-text delivery failed"
stop_server
echo "smtp_failures: ok"
