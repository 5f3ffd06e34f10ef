#!/usr/bin/env bash
# send-notification --encryption none into a directory, sender without a key:
# one correct, unsigned message per unique recipient.
. "$TESTS_DIR/notify/lib.sh"
OUT=$WORK/out
mkdir -p "$OUT" "$HOME_DIR"
SUBJECT='Ticket #42: Größe geändert – ✓'
printf '<html><body><p>Grüße from the helpdesk</p>\n.\n<p>end</p></body></html>\n' >"$WORK/body.html"
printf 'Grüße from the helpdesk\n' >"$WORK/body.txt"
cat >"$WORK/rcpts" <<'R'
# helpdesk team
bob@example.org

  carol@example.org   # on call
BOB@example.org
R

notify --from noreply@helpdesk.example --to bob@example.org --recipients-file "$WORK/rcpts" \
    --subject "$SUBJECT" --html "$WORK/body.html" --text "$WORK/body.txt" --output-dir "$OUT"
expect_rc 0 "two recipients"
[ "$(grep -c . <<<"$STATUS")" = 2 ] || fail "want 2 status lines: $STATUS"
expect_status bob@example.org ok '"signed":"false"' '"encrypted":"false"' '@helpdesk.example"'
expect_status carol@example.org ok '"signed":"false"' '"encrypted":"false"'
[ "$(ls "$OUT" | grep -c '\.eml$')" = 2 ] || fail "want 2 files: $(ls "$OUT")"
[ "$(ls -A "$OUT" | grep -vc '\.eml$')" = 0 ] || fail "stray files: $(ls -A "$OUT")"
PY=/usr/bin/python3
ids=()
for who in bob carol; do
    f=$(ls "$OUT"/*-$who@example.org.eml)
    [ "$(stat -c %a "$f")" = 600 ] || fail "$f mode $(stat -c %a "$f")"
    [ "$(header "$f" To)" = "$who@example.org" ] || fail "To: $(header "$f" To)"
    [ "$(header "$f" From)" = "noreply@helpdesk.example" ] || fail "From: $(header "$f" From)"
    [ "$(header "$f" MIME-Version)" = "1.0" ] || fail "MIME-Version: $(header "$f" MIME-Version)"
    header "$f" Subject | grep -q '=?UTF-8?' || fail "Subject not RFC 2047 encoded: $(header "$f" Subject)"
    [ "$(decoded_subject "$f")" = "$SUBJECT" ] || fail "Subject decodes to $(decoded_subject "$f")"
    if LC_ALL=C grep -q $'[\x80-\xff]' "$f"; then fail "$f is not 7-bit"; fi
    id=$(header "$f" Message-ID)
    [[ $id =~ ^\<[0-9a-f]{32}@helpdesk\.example\>$ ]] || fail "Message-ID $id"
    ids+=("$id")
    "$PY" - "$f" <<'P' || fail "$f: date/structure"
import sys, email, email.policy, email.utils, datetime
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
d = email.utils.parsedate_to_datetime(m["Date"])
assert abs((datetime.datetime.now(datetime.timezone.utc) - d).total_seconds()) < 300, d
assert m.get_content_type() == "multipart/alternative", m.get_content_type()
parts = [p for p in m.iter_parts()]
assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"], parts
assert "Grüße" in parts[0].get_content() and "Grüße" in parts[1].get_content()
assert "\n.\n" in parts[1].get_content().replace("\r\n", "\n")
P
done
[ "${ids[0]}" != "${ids[1]}" ] || fail "Message-IDs repeat"

# HTML only; text only; body on stdin is HTML. Sender from smime.conf.
printf '[smime]\nnotification-sender-email=helpdesk@conf.example\n' >"$HOME_DIR/smime.conf"
for mode in html text stdin; do
    rm -f "$OUT"/*
    case $mode in
        html) notify --to bob@example.org --subject s --html "$WORK/body.html" --output-dir "$OUT"; want=text/html ;;
        text) notify --to bob@example.org --subject s --text "$WORK/body.txt" --output-dir "$OUT"; want=text/plain ;;
        stdin) notify_stdin "$WORK/body.html" --to bob@example.org --subject s --output-dir "$OUT"; want=text/html ;;
    esac
    expect_rc 0 "$mode"
    f=$(ls "$OUT"/*.eml)
    header "$f" Content-Type | grep -q "^$want; charset=utf-8" || fail "$mode: $(header "$f" Content-Type)"
    [ "$(header "$f" From)" = "helpdesk@conf.example" ] || fail "sender from smime.conf: $(header "$f" From)"
    header "$f" Message-ID | grep -q '@conf.example>$' || fail "Message-ID domain: $(header "$f" Message-ID)"
done

# --from wins over smime.conf
rm -f "$OUT"/*
notify --from cli@cli.example --to bob@example.org --subject s --html "$WORK/body.html" --output-dir "$OUT"
expect_rc 0 "--from wins"
[ "$(header "$(ls "$OUT"/*.eml)" From)" = "cli@cli.example" ] || fail "--from does not win"
echo "compose: ok"
