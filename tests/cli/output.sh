#!/usr/bin/env bash
# -o/--output FILE on every command with a product (sign, encrypt, verify,
# decrypt, export, list): FILE holds what stdout would have held, appears
# only when the command finished, is replaced atomically (a new inode, never
# a half-written file), and no temporary file is left behind. Write errors
# on stdout (/dev/full, a closed pipe) are exit 2.
source "$TESTS_DIR/lib/common.sh"
make_pki
"$SMIME" import-cert --trust "$PKI/ca.pem" 2>/dev/null
"$SMIME" import-cert "$PKI/sub.pem" "$PKI/alice.pem" "$PKI/bob.pem" 2>/dev/null
"$SMIME" import-key "$PKI/alice.key" "$PKI/bob.key" 2>/dev/null
printf 'From: alice@example.org\nTo: bob@example.org\nSubject: hi\n\nhello\n' >"$WORK/msg.eml"
printf 'From: carol@example.org\nTo: nobody@example.org\nSubject: hi\n\nhello\n' >"$WORK/nokey.eml"
D=$WORK/outdir
mkdir "$D"
umask 022
only_product() {  # the directory holds FILE and nothing else (no temporary file)
    [ "$(ls -A "$D")" = "$1" ] || { ls -lA "$D" >&2; fail "$D should hold only $1"; }
}

# Deterministic products: the file is byte-identical to stdout.
for cmd in "list" "list --json" "export alice@example.org" "export --der alice@example.org" "--json export bob@example.org"; do
    # shellcheck disable=SC2086
    "$SMIME" $cmd >"$WORK/stdout" 2>/dev/null
    rm -f "$D"/*
    # shellcheck disable=SC2086
    expect_exit 0 "$SMIME" $cmd -o "$D/product"
    [ ! -s "$WORK/out" ] || fail "$cmd -o: stdout not empty"
    cmp "$WORK/stdout" "$D/product" || fail "$cmd -o: file differs from stdout"
    only_product product
done

# Message products: the file is the message (it verifies, it decrypts).
rm -f "$D"/*
expect_exit 0 "$SMIME" sign --output "$D/signed.eml" "$WORK/msg.eml"
[ ! -s "$WORK/out" ] || fail "sign -o: stdout not empty"
only_product signed.eml
expect_exit 0 "$SMIME" verify -o "$D/verified.eml" "$D/signed.eml"
expect_grep '^X-SMIME-Signature: ok' "$D/verified.eml"
expect_exit 0 "$SMIME" encrypt -o "$D/enc.eml" "$WORK/msg.eml"
expect_grep 'enveloped-data' "$D/enc.eml"
expect_exit 0 "$SMIME" decrypt -o "$D/dec.eml" "$D/enc.eml"
expect_grep '^X-SMIME-Encryption: ok' "$D/dec.eml"
expect_grep '^hello' "$D/dec.eml"
# A new file gets 0666 less the umask, as with a shell redirection.
[ "$(stat -c %a "$D/dec.eml")" = 644 ] || fail "mode of a new output file: $(stat -c %a "$D/dec.eml")"

# In place: verify -o of its own input works (the input stays readable
# until the new file takes its name).
cp "$D/signed.eml" "$D/inplace.eml"
expect_exit 0 "$SMIME" verify -o "$D/inplace.eml" "$D/inplace.eml"
expect_grep '^X-SMIME-Signature: ok' "$D/inplace.eml"

# An existing file is replaced by rename: a new inode with the whole product.
echo "old content" >"$D/list.txt"
old_inode=$(stat -c %i "$D/list.txt")
expect_exit 0 "$SMIME" list -o "$D/list.txt"
[ "$(stat -c %i "$D/list.txt")" != "$old_inode" ] || fail "replaced in place, not by rename"
expect_grep 'alice@example.org' "$D/list.txt"
# A link: the file it names is replaced, the link stays.
ln -s list.txt "$D/link.txt"
expect_exit 0 "$SMIME" export -o "$D/link.txt" alice@example.org
[ -L "$D/link.txt" ] || fail "the link was replaced"
expect_grep 'BEGIN CERTIFICATE' "$D/list.txt"
rm "$D/link.txt"

# Failures: no file appears, an existing one is left exactly as it was.
rm -f "$D"/*
expect_exit 1 "$SMIME" sign --require -o "$D/none.eml" "$WORK/nokey.eml"
[ ! -e "$D/none.eml" ] || fail "sign --require without a key created the output file"
expect_exit 1 "$SMIME" encrypt -o "$D/none.eml" "$WORK/nokey.eml"
[ ! -e "$D/none.eml" ] || fail "a failed encrypt created the output file"
echo "keep me" >"$D/keep.eml"
expect_exit 1 "$SMIME" encrypt -o "$D/keep.eml" "$WORK/nokey.eml"
[ "$(cat "$D/keep.eml")" = "keep me" ] || fail "a failed encrypt touched the existing output file"
expect_exit 1 "$SMIME" export -o "$D/keep.eml" nobody@example.org
[ "$(cat "$D/keep.eml")" = "keep me" ] || fail "a failed export touched the existing output file"
expect_exit 2 "$SMIME" sign -o "$D/keep.eml" "$WORK/missing.eml"
[ "$(cat "$D/keep.eml")" = "keep me" ] || fail "an unreadable input touched the existing output file"
only_product keep.eml
# A product that is written although the command reports a failure: the
# mail filters' output (never lose a message) still lands in the file.
printf 'From: alice@example.org\nSubject: x\nContent-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary=b\n\n--b\n\nx\n--b--\n' \
    >"$WORK/broken-signed.eml"
expect_exit 1 "$SMIME" verify -o "$D/flagged.eml" "$WORK/broken-signed.eml"
expect_grep '^X-SMIME-Signature: failed' "$D/flagged.eml"
echo '[smime' >"$SMIME_HOME/smime.conf"
expect_exit 2 "$SMIME" verify -o "$D/passed.eml" "$D/../msg.eml"
expect_grep '^X-SMIME-Signature: error' "$D/passed.eml"
rm "$SMIME_HOME/smime.conf"

# Where the file cannot go: exit 2 before anything is read or written.
expect_exit 2 "$SMIME" list -o "$WORK/no/such/dir/file"
expect_grep 'no/such/dir' "$WORK/err"
if [ "$(id -u)" != 0 ]; then
    mkdir "$WORK/ro" && chmod 555 "$WORK/ro"
    expect_exit 2 "$SMIME" list -o "$WORK/ro/file"
fi
# Commands without a product refuse --output (it would hold nothing).
expect_exit 2 "$SMIME" check -o "$D/check.txt"
[ ! -e "$D/check.txt" ] || fail "check -o created a file"
# Not a regular file: written directly (here a FIFO read by cat).
mkfifo "$WORK/fifo"
cat "$WORK/fifo" >"$WORK/from-fifo" &
expect_exit 0 "$SMIME" export -o "$WORK/fifo" alice@example.org
wait
expect_grep 'BEGIN CERTIFICATE' "$WORK/from-fifo"

# Write errors on stdout are exit 2 (never a kill by SIGPIPE, never exit 0).
for cmd in "list" "export alice@example.org" "sign $WORK/msg.eml" "verify $D/../msg.eml" "encrypt $WORK/msg.eml"; do
    rc=0
    # shellcheck disable=SC2086
    "$SMIME" $cmd >/dev/full 2>/dev/null || rc=$?
    [ "$rc" = 2 ] || fail "$cmd >/dev/full: exit $rc"
    # shellcheck disable=SC2086
    rc=$(/usr/bin/python3 -c '
import os, subprocess, sys
r, w = os.pipe()
os.close(r)  # the reader is gone before smime writes
print(subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.DEVNULL).returncode)' "$SMIME" $cmd)
    [ "$rc" = 2 ] || fail "$cmd into a closed pipe: exit $rc"
done
echo ok
