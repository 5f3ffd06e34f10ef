#!/usr/bin/env bash
# EFAIL-style malleability: modified CBC blocks, GCM tag and ciphertext
# tampering, a damaged key, and decrypted content that references external
# content. Padding, key and tag errors all read the same (no oracle); the
# GCM plaintext is never released; CBC without a signature says
# integrity="none"; nothing is ever fetched.
source "$TESTS_DIR/adversarial/common.sh"
TAMPER="$PY $TESTS_DIR/adversarial/tamper.py"
SAME='decryption failed \(wrong key or damaged message\)'

{ printf 'From: Alice <alice@example.org>\nTo: Bob <bob@example.org>\nSubject: quarterly numbers\nMIME-Version: 1.0\n'
  printf 'Content-Type: text/plain\n\n'
  for i in $(seq 1 20); do echo "line $i of the quarterly numbers: 1 2 3 4 5 6 7 8 9"; done; } >"$WORK/msg.eml"
for c in aes256-cbc aes256-gcm; do
    "$SMIME" encrypt --to bob@example.org --cipher $c "$WORK/msg.eml" >"$WORK/$c.eml" 2>/dev/null || fail "encrypt $c"
    expect_decrypt "$WORK/$c.eml" ok
done
expect_grep 'integrity="aead"' "$WORK/out"  # the last one: GCM

$TAMPER "$WORK/aes256-cbc.eml" "$WORK/cbc-pad.eml" cbc-last-block
expect_decrypt "$WORK/cbc-pad.eml" failed "$SAME"
$TAMPER "$WORK/aes256-gcm.eml" "$WORK/gcm-ct.eml" gcm-ciphertext
expect_decrypt "$WORK/gcm-ct.eml" failed "$SAME"
expect_no_grep 'quarterly numbers: 1' "$WORK/out"
$TAMPER "$WORK/aes256-gcm.eml" "$WORK/gcm-tag.eml" gcm-tag
expect_decrypt "$WORK/gcm-tag.eml" failed "$SAME"
expect_no_grep 'quarterly numbers: 1' "$WORK/out"
$TAMPER "$WORK/aes256-cbc.eml" "$WORK/key.eml" key
expect_decrypt "$WORK/key.eml" failed "$SAME"

# The CBC gadget: a flipped bit in a middle block leaves the padding intact.
# Without a signature the result cannot be told from the original, so the
# status and header say integrity="none".
$TAMPER "$WORK/aes256-cbc.eml" "$WORK/gadget.eml" cbc-gadget
expect_decrypt "$WORK/gadget.eml" ok
expect_grep '"integrity":"none"' "$WORK/status"
expect_grep '^X-SMIME-Encryption: ok;.*integrity="none"' "$WORK/out"
# With a signature inside the same flip is caught: decrypt ok, verify failed, exit 1.
"$SMIME" encrypt --sign --to bob@example.org --cipher aes256-cbc "$WORK/msg.eml" >"$WORK/signed-cbc.eml" 2>/dev/null ||
    fail "encrypt --sign"
expect_decrypt "$WORK/signed-cbc.eml" ok
expect_grep '"integrity":"signature"' "$WORK/status"
$TAMPER "$WORK/signed-cbc.eml" "$WORK/signed-gadget.eml" cbc-gadget
run_op decrypt "$WORK/signed-gadget.eml"
[ $rc = 1 ] || fail "signed gadget: exit $rc"
expect_grep '"op":"verify","status":"failed"' "$WORK/status"
expect_no_grep '"integrity":"signature"' "$WORK/status"
expect_grep '^X-SMIME-Signature: failed' "$WORK/out"

# External content: decrypted HTML that loads a remote image is passed on
# as it is, and nothing is fetched (a listener on the referenced port sees
# no connection).
port_file=$WORK/port
"$PY" - "$port_file" "$WORK/connections" <<'PY' &
import socket, sys
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(5); s.settimeout(30)
open(sys.argv[1], 'w').write(str(s.getsockname()[1]))
try:
    while True:
        c, _ = s.accept(); open(sys.argv[2], 'a').write('connection\n'); c.close()
except socket.timeout:
    pass
PY
listener=$!
for _ in $(seq 50); do [ -s "$port_file" ] && break; sleep 0.1; done
port=$(cat "$port_file")
{ printf 'From: alice@example.org\nTo: bob@example.org\nSubject: html\nMIME-Version: 1.0\nContent-Type: text/html\n\n'
  printf '<html><body><img src="http://127.0.0.1:%s/leak?secret"><a href="http://127.0.0.1:%s/">x</a></body></html>\n' "$port" "$port"
} >"$WORK/html.eml"
"$SMIME" encrypt --sign --to bob@example.org "$WORK/html.eml" >"$WORK/html-enc.eml" 2>/dev/null || fail "encrypt html"
expect_decrypt "$WORK/html-enc.eml" ok
expect_grep "<img src=\"http://127.0.0.1:$port/leak\\?secret\">" "$WORK/out"
"$SMIME" sign "$WORK/html.eml" >"$WORK/html-signed.eml" 2>/dev/null || fail "sign html"
expect_verify "$WORK/html-signed.eml" ok
sleep 0.5
kill "$listener" 2>/dev/null || true
wait "$listener" 2>/dev/null || true
[ ! -e "$WORK/connections" ] || fail "something connected to the referenced URL"
finish
