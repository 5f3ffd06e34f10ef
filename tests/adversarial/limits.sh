#!/usr/bin/env bash
# The limits of libsmime/util/include/smime/limits.hpp, each tried just within
# and just beyond: max-message-size (smime.conf and --max-message-size),
# MIME nesting depth, SignerInfos and certificates in a SignedData,
# RecipientInfos in an EnvelopedData, certificates in one import file.
source "$TESTS_DIR/adversarial/common.sh"

# max-message-size: 64K in smime.conf.
printf '[smime]\nmax-message-size = 64K\n' >"$SMIME_HOME/smime.conf"
snapshot start
# message BYTES OUT: an unsigned message of exactly BYTES bytes
message() {
    { printf 'From: alice@example.org\nTo: bob@example.org\nSubject: size\n\n'
      head -c "$(($1 - 60))" /dev/zero | tr '\0' 'x'; echo; } >"$2"
    [ "$(stat -c %s "$2")" = "$1" ] || fail "message of $1 bytes is $(stat -c %s "$2")"
}
message 65536 "$WORK/at.eml"
message 65537 "$WORK/over.eml"
expect_verify "$WORK/at.eml" none
expect_decrypt "$WORK/at.eml" none
expect_verify "$WORK/over.eml" failed "larger than max-message-size \(65536 bytes\)"
expect_decrypt "$WORK/over.eml" failed "larger than max-message-size"
# Standard input cannot be held whole: verify and decrypt pass it through as
# it streams, flagged error (exit 2), every byte of the original after our field.
for op in verify decrypt; do
    header=X-SMIME-Signature; [ $op = decrypt ] && header=X-SMIME-Encryption
    rc=0; "$SMIME" --status-fd 3 $op <"$WORK/over.eml" >"$WORK/out" 2>"$WORK/err" 3>"$WORK/status" || rc=$?
    [ $rc = 2 ] || fail "$op of 65537 bytes on stdin: exit $rc"
    expect_grep '^'$header': error; reason="the message is larger than max-message-size \(65536 bytes\)"' "$WORK/out"
    tail -n +2 "$WORK/out" | cmp -s - "$WORK/over.eml" || fail "$op of 65537 bytes on stdin: not the original after the header"
    expect_grep '"op":"'$op'","status":"error"' "$WORK/status"
    expect_grep 'larger than max-message-size \(65536 bytes\)' "$WORK/err"
done
for op in sign encrypt; do  # nothing to pass on: refused, nothing written
    rc=0; "$SMIME" $op <"$WORK/over.eml" >"$WORK/out" 2>"$WORK/err" || rc=$?
    [ $rc = 2 ] && [ ! -s "$WORK/out" ] || fail "$op of 65537 bytes on stdin: exit $rc"
    expect_grep 'larger than max-message-size \(65536 bytes\)' "$WORK/err"
done
for op in sign encrypt; do  # nothing to flag: refused
    expect_exit 2 "$SMIME" $op "$WORK/over.eml"
    [ ! -s "$WORK/out" ] || fail "$op over the limit wrote output"
done
expect_exit 0 "$SMIME" sign "$WORK/at.eml"  # within: signed as usual
expect_verify "$WORK/over.eml" none "" --max-message-size 1M   # the option wins over the file
expect_exit 2 "$SMIME" --max-message-size 0 verify "$WORK/at.eml"
expect_exit 2 "$SMIME" --max-message-size 12X verify "$WORK/at.eml"
printf '[smime]\nmax-message-size = lots\n' >"$SMIME_HOME/smime.conf"
expect_exit 2 "$SMIME" verify "$WORK/at.eml"
expect_grep 'max-message-size' "$WORK/err"
rm "$SMIME_HOME/smime.conf"
snapshot start

# MIME nesting: 64 levels are read, 65 are too deep.
nested() {  # nested LEVELS OUT
    "$PY" - "$1" "$2" <<'PY'
import sys
depth = int(sys.argv[1])
out = ['From: alice@example.org', 'MIME-Version: 1.0']
for i in range(depth):
    out += [f'Content-Type: multipart/mixed; boundary="b{i}"', '', f'--b{i}']
out += ['Content-Type: text/plain', '', 'bottom']
out += [f'--b{i}--' for i in reversed(range(depth))]
open(sys.argv[2], 'w').write('\n'.join(out) + '\n')
PY
}
nested 64 "$WORK/depth64.eml"
nested 65 "$WORK/depth65.eml"
expect_verify "$WORK/depth64.eml" none
expect_decrypt "$WORK/depth64.eml" none
expect_verify "$WORK/depth65.eml" failed "nested deeper than 64 levels"
expect_decrypt "$WORK/depth65.eml" failed "nested deeper than 64 levels"

# SignerInfos: 16 are checked, 17 are too many (alice and N-1 others).
"$TESTS_DIR/lib/gen-many.sh" "$PKI" 1024 "$WORK/many" >/dev/null
signers() {  # signers N OUT
    local args=(-signer "$PKI/alice.pem" -inkey "$PKI/alice.key") i
    for i in $(seq 0 $(($1 - 2))); do args+=(-signer "$WORK/many/u$i.pem" -inkey "$WORK/many/key.pem"); done
    openssl cms -sign "${args[@]}" -certfile "$PKI/sub.pem" -in "$WORK/body.txt" -out "$WORK/s.p7" 2>/dev/null ||
        fail "openssl: $1 signers"
    with_headers 'From: alice@example.org\n' "$WORK/s.p7" "$2"
}
signers 16 "$WORK/signers16.eml"
expect_verify "$WORK/signers16.eml" ok
signers 17 "$WORK/signers17.eml"
expect_verify "$WORK/signers17.eml" failed "more than 16 signers"

# Certificates in a SignedData: 64 carried are read, 65 are too many.
carrying() {  # carrying N OUT: alice's signature with sub + N-1 other certificates
    seq 0 $(($1 - 3)) | sed "s|.*|$WORK/many/u&.pem|" | xargs cat "$PKI/sub.pem" >"$WORK/extra.pem"
    openssl cms -sign -signer "$PKI/alice.pem" -inkey "$PKI/alice.key" -certfile "$WORK/extra.pem" \
        -in "$WORK/body.txt" -out "$WORK/c.p7" 2>/dev/null || fail "openssl: $1 certificates"
    with_headers 'From: alice@example.org\n' "$WORK/c.p7" "$2"
}
carrying 64 "$WORK/certs64.eml"
expect_verify "$WORK/certs64.eml" ok
carrying 65 "$WORK/certs65.eml"
expect_verify "$WORK/certs65.eml" failed "more than 64 certificates"

# RecipientInfos: 1024 are looked at, 1025 are too many (bob is the last).
recipients() {  # recipients N OUT
    seq 0 $(($1 - 2)) | sed "s|.*|$WORK/many/u&.pem|" >"$WORK/rcpts"
    printf 'From: alice@example.org\nTo: bob@example.org\nSubject: list\n' >"$2"
    printf 'Content-Type: text/plain\n\nto the list\n' |
        xargs -a "$WORK/rcpts" openssl cms -encrypt -aes256 "$PKI/bob.pem" >>"$2" 2>/dev/null || fail "openssl: $1 recipients"
}
recipients 1024 "$WORK/rcpt1024.eml"
expect_decrypt "$WORK/rcpt1024.eml" ok
recipients 1025 "$WORK/rcpt1025.eml"
expect_decrypt "$WORK/rcpt1025.eml" failed "more than 1024 recipients"

# Certificates in one import file: 20,001 are refused before any is stored.
seq 20001 | sed "s|.*|$PKI/carol.pem|" | xargs cat >"$WORK/bundle.pem"
expect_exit 2 "$SMIME" import-cert "$WORK/bundle.pem"
expect_grep 'more than 20000 certificates in one file' "$WORK/err"
finish
