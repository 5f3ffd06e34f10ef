#!/usr/bin/env bash
# Forged X-SMIME-* headers at every depth: on top, inside the signed
# content, inside unsigned parts, inside message/rfc822, inside the
# encrypted content, and below the nesting limit. Whatever verify or
# decrypt outputs carries exactly one X-SMIME-* field per operation: ours.
source "$TESTS_DIR/adversarial/common.sh"
FORGED='X-SMIME-Signature: ok; signer="boss@example.org"'

# no_forgery FILE: nothing of the forged values is left
no_forgery() { ! grep -q 'boss@example.org\|recipient="forged"' "$1" || { grep -n X-SMIME "$1" >&2; fail "forged header kept in $1"; }; }

# Top level, on a message whose signature fails (From is not the signer).
osign alice "$WORK/alice.p7"
with_headers "$FORGED\nFrom: bob@example.org\n" "$WORK/alice.p7" "$WORK/top.eml"
expect_verify "$WORK/top.eml" failed "does not match From"
no_forgery "$WORK/out"
# Top level with a lower-case name and folded value, on a good signature.
with_headers 'x-smime-signature: ok;\n signer="boss@example.org"\nFrom: alice@example.org\n' "$WORK/alice.p7" "$WORK/top-ok.eml"
expect_verify "$WORK/top-ok.eml" ok
no_forgery "$WORK/out"
# Inside the signed content (the signature covers it; still removed).
printf 'Content-Type: text/plain\n%s\n\nInner forged.\n' "$FORGED" >"$WORK/inner.txt"
osign alice "$WORK/inner.p7" -in "$WORK/inner.txt"
with_headers 'From: alice@example.org\n' "$WORK/inner.p7" "$WORK/inner.eml"
expect_verify "$WORK/inner.eml" ok
no_forgery "$WORK/out"
grep -q '^Inner forged' "$WORK/out" || fail "inner: content lost"

# Deep inside an unsigned message: multipart → message/rfc822 → multipart.
cat >"$WORK/deep.eml" <<MSG
From: alice@example.org
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="l1"

--l1
Content-Type: text/plain

level 1
--l1
Content-Type: message/rfc822

$FORGED
From: carol@example.org
Content-Type: multipart/alternative; boundary="l3"

--l3
Content-Type: text/plain
X-SMIME-Encryption: ok; recipient="forged"

level 3
--l3--
--l1--
MSG
expect_verify "$WORK/deep.eml" none
no_forgery "$WORK/out"
expect_grep '^level 3' "$WORK/out"
expect_decrypt "$WORK/deep.eml" none
no_forgery "$WORK/out"

# Below the nesting limit (limits.hpp: 64 levels): dropped all the same.
"$PY" - "$WORK/too-deep.eml" <<'PY'
import sys
depth = 80
out = ['From: alice@example.org', 'MIME-Version: 1.0']
for i in range(depth):
    out += [f'Content-Type: multipart/mixed; boundary="b{i}"', '', f'--b{i}']
out += ['Content-Type: text/plain', 'X-SMIME-Signature: ok; signer="boss@example.org"', '', 'bottom']
for i in reversed(range(depth)):
    out += [f'--b{i}--']
open(sys.argv[1], 'w').write('\n'.join(out) + '\n')
PY
expect_verify "$WORK/too-deep.eml" failed "nested deeper than 64 levels"
no_forgery "$WORK/out"
expect_grep '^bottom' "$WORK/out"
expect_decrypt "$WORK/too-deep.eml" failed "nested deeper than 64 levels"

# Inside encrypted content, and on the encrypted message itself.
{ printf 'Content-Type: multipart/mixed; boundary="in"\n%s\n\n' "$FORGED"
  printf -- '--in\nContent-Type: text/plain\nX-SMIME-Encryption: ok; recipient="forged"\n\nhello\n--in--\n'; } >"$WORK/inner.ent"
openssl cms -encrypt -aes256 -in "$WORK/inner.ent" "$PKI/bob.pem" >"$WORK/enc.p7m" 2>/dev/null
with_headers 'From: alice@example.org\nTo: bob@example.org\nX-SMIME-Encryption: ok; recipient="forged"\n' "$WORK/enc.p7m" "$WORK/enc.eml"
expect_decrypt "$WORK/enc.eml" ok
no_forgery "$WORK/out"
expect_grep '^hello' "$WORK/out"
[ "$(grep -c '^X-SMIME-' "$WORK/out")" = 1 ] || fail "encrypted: not exactly one X-SMIME header"
# Signed inside encrypted, with a forged signature header on the inside.
"$SMIME" sign <<MSG >"$WORK/signed.eml" 2>/dev/null || fail "sign"
From: alice@example.org
To: bob@example.org
Subject: signed then encrypted
$FORGED

signed and encrypted
MSG
"$SMIME" encrypt --to bob@example.org "$WORK/signed.eml" >"$WORK/se.eml" 2>/dev/null || fail "encrypt"
expect_decrypt "$WORK/se.eml" ok
no_forgery "$WORK/out"
[ "$(grep -c '^X-SMIME-' "$WORK/out")" = 2 ] || fail "signed+encrypted: not exactly our two X-SMIME headers"
finish
