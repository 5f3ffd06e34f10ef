#!/usr/bin/env bash
# send-notification: what makes the command unable to run is exit 2, with
# nothing delivered and no status line.
. "$TESTS_DIR/notify/lib.sh"
OUT=$WORK/out
mkdir -p "$OUT" "$HOME_DIR"
echo '<p>hi</p>' >"$WORK/body.html"
nothing_sent() {
    [ -z "$(ls -A "$OUT")" ] || fail "$1: something was written: $(ls "$OUT")"
    [ -z "$STATUS" ] || fail "$1: status lines: $STATUS"
}

notify --to bob@example.org --subject s --html "$WORK/body.html" --output-dir "$OUT"
expect_rc 2 "no sender"; nothing_sent "no sender"
grep -q "notification-sender-email" <<<"$ERR" || fail "no-sender message: $ERR"

notify --from a@example.org --subject s --html "$WORK/body.html" --output-dir "$OUT"
expect_rc 2 "no recipients"; nothing_sent "no recipients"

notify --from a@example.org --to "not an address" --subject s --html "$WORK/body.html" --output-dir "$OUT"
expect_rc 2 "bad --to"; nothing_sent "bad --to"

printf 'bob@example.org\nthis is wrong\n' >"$WORK/rcpts"
notify --from a@example.org --recipients-file "$WORK/rcpts" --subject s --html "$WORK/body.html" --output-dir "$OUT"
expect_rc 2 "bad recipients file"; nothing_sent "bad recipients file"
grep -q "line 2" <<<"$ERR" || fail "recipients-file error does not name the line: $ERR"

notify --from a@example.org --to bob@example.org --subject s --html "$WORK/body.html" --encryption sometimes --output-dir "$OUT"
expect_rc 2 "bad --encryption"; nothing_sent "bad --encryption"

notify --from a@example.org --to bob@example.org --subject s --html "$WORK/body.html" --output-dir "$OUT" --smtp smtp://127.0.0.1:1
expect_rc 2 "two deliveries"; nothing_sent "two deliveries"

notify --from a@example.org --to bob@example.org --subject s --html "$WORK/body.html" --output-dir "$WORK/missing"
expect_rc 2 "missing output dir"; [ ! -e "$WORK/missing" ] || fail "missing output dir was created"

notify --from a@example.org --to bob@example.org --subject s --html "$WORK/missing.html" --output-dir "$OUT"
expect_rc 2 "unreadable body"; nothing_sent "unreadable body"

notify --from a@example.org --to bob@example.org --subject s --html "$WORK/body.html" --smtp http://127.0.0.1:1/
expect_rc 2 "not an SMTP URL"; nothing_sent "not an SMTP URL"

notify --from a@example.org --to bob@example.org --subject s --html "$WORK/body.html" --smtp smtp://127.0.0.1:1 \
    --smtp-user u --smtp-password-file "$WORK/no-such-file"
expect_rc 2 "unreadable password file"; nothing_sent "unreadable password file"

# Passwords never travel on the command line: there is no option for one.
notify --from a@example.org --to bob@example.org --subject s --html "$WORK/body.html" --smtp smtp://127.0.0.1:1 \
    --smtp-user u --smtp-password secret
expect_rc 2 "--smtp-password"; nothing_sent "--smtp-password"

notify --from a@example.org --to bob@example.org --subject s --html "$WORK/body.html" --smtp-user u
expect_rc 2 "SMTP settings without URL"; nothing_sent "SMTP settings without URL"

printf '\xff\xfe broken\n' >"$WORK/latin.html"
notify --from a@example.org --to bob@example.org --subject s --html "$WORK/latin.html" --output-dir "$OUT"
expect_rc 2 "body not UTF-8"; nothing_sent "body not UTF-8"
echo "usage: ok"
