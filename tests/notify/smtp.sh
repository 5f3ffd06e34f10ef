#!/usr/bin/env bash
# send-notification over SMTP to a real server on 127.0.0.1: STARTTLS
# (required), AUTH, one connection for all recipients; smtps://; settings
# from smime.conf.
. "$TESTS_DIR/notify/lib.sh"
mkdir -p "$HOME_DIR"
printf '<p>report</p>\n.\n..\n<p>end</p>\n' >"$WORK/body.html"
echo "s3cret pass" >"$WORK/smtp-pass"

# arrived_ok ADDR: exactly one message arrived for ADDR, with the right
# envelope sender, To header, over TLS and authenticated.
arrived_ok() {
    local files f meta
    files=$(arrived_for "$1")
    [ "$(grep -c . <<<"$files")" = 1 ] || fail "$1: want one message, got: $files"
    f=$files
    meta=${f%.eml}.json
    "$PY" - "$meta" "$1" <<'P' || fail "$1: envelope $(cat "$meta")"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["mail_from"] == "noreply@helpdesk.example", m
assert m["rcpt_tos"] == [sys.argv[2]], m
assert m["tls"] and m["auth"], m
P
    [ "$(header "$f" To)" = "$1" ] || fail "$1: To header $(header "$f" To)"
    "$PY" - "$f" <<'P' || fail "$1: body changed in transit (dot stuffing?)"
import sys, email, email.policy
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
assert m.get_content().replace("\r\n", "\n") == "<p>report</p>\n.\n..\n<p>end</p>\n", repr(m.get_content())
P
}
connections() {
    "$PY" -c 'import json,sys; print(len({tuple(json.load(open(f))["peer"]) for f in sys.argv[1:]}))' "$MAILDIR"/*.json
}

start_server --tls starttls --user notifier --password "s3cret pass"
notify --from noreply@helpdesk.example --to bob@example.org --to carol@example.org --to dave@example.org \
    --subject 'nightly report' --html "$WORK/body.html" --smtp "smtp://127.0.0.1:$PORT" \
    --smtp-user notifier --smtp-password-file "$WORK/smtp-pass" --smtp-ca "$TLS_CA"
expect_rc 0 "STARTTLS + AUTH"
for who in bob carol dave; do
    expect_status $who@example.org ok '"encrypted":"false"'
    arrived_ok $who@example.org
done
[ "$(arrived_count)" = 3 ] || fail "want 3 messages, got $(arrived_count)"
[ "$(connections)" = 1 ] || fail "want one SMTP connection for all recipients, got $(connections)"
stop_server

# smtps:// (TLS from the first byte); settings from smime.conf.
start_server --tls implicit --user notifier --password "s3cret pass"
cat >"$HOME_DIR/smime.conf" <<C
[smime]
notification-sender-email=noreply@helpdesk.example
smtp-url=smtps://127.0.0.1:$PORT
smtp-user=notifier
smtp-password-file=$WORK/smtp-pass
smtp-ca=$TLS_CA
C
notify --to bob@example.org --to carol@example.org --subject 'nightly report' --html "$WORK/body.html"
expect_rc 0 "smtps from smime.conf"
arrived_ok bob@example.org
arrived_ok carol@example.org
[ "$(arrived_count)" = 2 ] || fail "want 2 messages, got $(arrived_count)"
stop_server
echo "smtp: ok"
