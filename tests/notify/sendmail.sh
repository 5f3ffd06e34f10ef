#!/usr/bin/env bash
# send-notification through a sendmail-style command: the message on its
# stdin (LF line ends), its exit status decides sent / not sent, its stdout
# never reaches ours.
. "$TESTS_DIR/notify/lib.sh"
mkdir -p "$HOME_DIR" "$WORK/spool"
echo '<p>disk full</p>' >"$WORK/body.html"
cat >"$WORK/fake-sendmail" <<'S'
#!/bin/sh
# stand-in for sendmail -oi -t: spools stdin, refuses To: fail-*, chatters on stdout
spool=$(dirname "$0")/spool
n=$(ls "$spool" | grep -c '\.eml$')
cat >"$spool/tmp"
echo "$@" >"$spool/$n.args"
echo "fake sendmail says hello"
if grep -q '^To: fail-' "$spool/tmp"; then rm "$spool/tmp"; exit 75; fi
mv "$spool/tmp" "$spool/$n.eml"
S
chmod +x "$WORK/fake-sendmail"

set +e
"$SMIME" --home "$HOME_DIR" --status-fd 3 send-notification --from noreply@helpdesk.example \
    --to bob@example.org --to fail-x@example.org --to carol@example.org --subject 'disk' \
    --html "$WORK/body.html" --sendmail "'$WORK/fake-sendmail' -oi -t" 3>"$WORK/status" >"$WORK/stdout" 2>"$WORK/stderr"
RC=$?
set -e
STATUS=$(cat "$WORK/status"); ERR=$(cat "$WORK/stderr")
expect_rc 1 "one refused"
expect_status bob@example.org ok
expect_status carol@example.org ok
expect_status fail-x@example.org not-sent 'exited with status 75'
[ ! -s "$WORK/stdout" ] || fail "sendmail's stdout reached ours: $(cat "$WORK/stdout")"
grep -q "fake sendmail says hello" "$WORK/stderr" || fail "sendmail's output lost"
grep -q "not sent to fail-x@example.org" "$WORK/stderr" || fail "no human line for the failure: $ERR"
[ "$(ls "$WORK/spool" | grep -c '\.eml$')" = 2 ] || fail "spool: $(ls "$WORK/spool")"
for f in "$WORK"/spool/*.eml; do
    if grep -q $'\r' "$f"; then fail "$f has CR line ends (sendmail wants local LF)"; fi
done
[ "$(cat "$WORK/spool/0.args")" = "-oi -t" ] || fail "argv: $(cat "$WORK/spool/0.args")"
[ "$(header "$WORK/spool/0.eml" To)" = "bob@example.org" ] || fail "first message To"
[ "$(header "$WORK/spool/1.eml" To)" = "carol@example.org" ] || fail "second message To"

# The command may come from smime.conf.
rm -f "$WORK"/spool/*
printf "[smime]\nsendmail='%s' -oi -t\n" "$WORK/fake-sendmail" >"$HOME_DIR/smime.conf"
notify --from noreply@helpdesk.example --to bob@example.org --subject s --html "$WORK/body.html"
expect_rc 0 "sendmail from smime.conf"
[ "$(ls "$WORK/spool" | grep -c '\.eml$')" = 1 ] || fail "smime.conf sendmail not used"

# A command that cannot run: nobody got anything.
notify --from noreply@helpdesk.example --to bob@example.org --to carol@example.org --subject s \
    --html "$WORK/body.html" --sendmail "$WORK/no-such-sendmail -t"
expect_rc 1 "missing command"
expect_status bob@example.org not-sent 'cannot run'
expect_status carol@example.org not-sent 'cannot run'

# A command that dies without reading the message.
notify --from noreply@helpdesk.example --to bob@example.org --subject s --html "$WORK/body.html" --sendmail "/bin/false"
expect_rc 1 "sendmail fails"
expect_status bob@example.org not-sent 'exited with status 1'
echo "sendmail: ok"
