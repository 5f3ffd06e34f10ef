#!/usr/bin/env bash
# --passphrase-fd N (as in gpgsm): the passphrase is the first line read from
# descriptor N, for every command that has --passphrase-file; it never
# appears in argv. A pipe can be read once: one passphrase serves the whole run.
source "$TESTS_DIR/lib/common.sh"
make_pki
expect_exit 0 "$SMIME" import-cert --trust "$PKI/ca.pem" "$PKI/sub.pem" "$PKI/bob.pem" "$PKI/alice.pem"

# import-key from a file descriptor and from a pipe (CRLF line end, more lines after it).
expect_exit 0 "$SMIME" import-key --passphrase-fd 5 "$PKI/bob-enc.key" 5<"$PKI/pass.txt"
expect_exit 0 "$SMIME" import-key --passphrase-fd 7 "$PKI/alice-enc.key" 7< <(printf 'secret passphrase\r\nnot this line\n')
grep -q "ENCRYPTED PRIVATE KEY" "$SMIME_HOME"/keys/* || fail "encrypted key not stored encrypted"
# PKCS#12 through import-cert, the descriptor a pipe without a final newline.
expect_exit 0 "$SMIME" import-cert --passphrase-fd 4 "$PKI/dave.p12" 4< <(printf 'secret passphrase')
expect_exit 0 "$SMIME" list --secret dave@example.org

# sign, encrypt --sign and decrypt unlock the stored encrypted keys through it.
printf 'From: bob@example.org\nTo: alice@example.org\nSubject: fd\n\nhello\n' >"$WORK/msg.eml"
expect_exit 2 "$SMIME" sign "$WORK/msg.eml"  # the key is locked without a passphrase
expect_exit 0 "$SMIME" sign --passphrase-fd 6 "$WORK/msg.eml" 6<"$PKI/pass.txt"
openssl cms -verify -CAfile "$PKI/ca.pem" -in "$WORK/out" -out /dev/null 2>/dev/null || fail "signature does not verify"
expect_exit 0 "$SMIME" encrypt --sign --passphrase-fd 6 --to alice@example.org "$WORK/msg.eml" 6<"$PKI/pass.txt"
cp "$WORK/out" "$WORK/enc.eml"
expect_exit 0 "$SMIME" --status-fd 3 decrypt --passphrase-fd 6 "$WORK/enc.eml" 3>"$WORK/status" 6<"$PKI/pass.txt"
expect_grep '"op":"decrypt","status":"ok"' "$WORK/status"
expect_grep '"op":"verify","status":"ok"' "$WORK/status"
expect_grep '^hello' "$WORK/out"

# A wrong passphrase, a closed descriptor, both options at once: exit 2.
expect_exit 2 "$SMIME" decrypt --passphrase-fd 6 "$WORK/enc.eml" 6< <(echo wrong)
expect_exit 2 "$SMIME" decrypt --passphrase-fd 9 "$WORK/enc.eml"
expect_grep 'passphrase-fd 9' "$WORK/err"
expect_exit 2 "$SMIME" decrypt --passphrase-fd 6 --passphrase-file "$PKI/pass.txt" "$WORK/enc.eml" 6<"$PKI/pass.txt"
expect_exit 2 "$SMIME" decrypt --passphrase-fd -1 "$WORK/enc.eml"
# The descriptor wins over SMIME_PASSPHRASE_FILE.
echo wrong >"$WORK/wrong.txt"
SMIME_PASSPHRASE_FILE=$WORK/wrong.txt expect_exit 0 "$SMIME" decrypt --passphrase-fd 6 "$WORK/enc.eml" 6<"$PKI/pass.txt"
# send-notification signs with the sender's key the same way.
mkdir "$WORK/sent"
expect_exit 0 "$SMIME" send-notification --from bob@example.org --to alice@example.org --subject fd \
    --text "$WORK/msg.eml" --output-dir "$WORK/sent" --passphrase-fd 6 6<"$PKI/pass.txt"
grep -rqi 'multipart/signed' "$WORK/sent" || fail "notification not signed"
echo ok
