#!/usr/bin/env bash
# --batch: one process over a Maildir, a directory, files. Each message is
# written back as the single-message command would have written it to
# stdout (Maildir rules: tmp/, then a new unique name in the same
# subdirectory, ":2,FLAGS" kept, ",S=" the new size), pass-throughs leave
# the file alone, one bad message never stops the others, status lines carry
# "file", the exit code summarises. Peers: openssl cms signs, encrypts,
# verifies and decrypts on the other side.
source "$TESTS_DIR/lib/common.sh"
source "$TESTS_DIR/lib/openssl-sign.sh"
command -v openssl >/dev/null || skip "openssl missing"
PY=/usr/bin/python3
make_pki
expect_exit 0 "$SMIME" import-cert --trust "$PKI/ca.pem"
expect_exit 0 "$SMIME" import-cert "$PKI/sub.pem" "$PKI/alice.pem" "$PKI/bob.pem"
expect_exit 0 "$SMIME" import-key "$PKI/alice.key" "$PKI/bob.key"

letter() {  # FROM SUBJECT OUT
    printf 'From: %s\nTo: bob@example.org\nSubject: %s\nMIME-Version: 1.0\nContent-Type: text/plain\n\nhello Bob, %s\n' \
        "$1" "$2" "$2" >"$3"
}
# status_of FILE STATUSFILE: the status word of FILE's line (one line per file).
status_of() {
    "$PY" - "$1" "$2" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[2])]
mine = [l for l in lines if l.get("file") == sys.argv[1]]
print(" ".join(l["op"] + ":" + l["status"] for l in mine) if mine else "missing")
PY
}
written_of() {  # FILE STATUSFILE: where FILE's product went ("" if nowhere)
    "$PY" - "$1" "$2" <<'PY'
import json, sys
print(next((l.get("written", "") for l in map(json.loads, open(sys.argv[2])) if l.get("file") == sys.argv[1]), ""))
PY
}
# snapshot_dir DIR: names, modes and contents, to prove nothing was touched.
snapshot_dir() { (cd "$1" && find . -type f -printf '%p %m\n' | sort && find . -type f | sort | xargs -r sha256sum); }

# --- verify --batch over a Maildir ---------------------------------------
M=$WORK/Maildir
mkdir -p "$M/new" "$M/cur" "$M/tmp"
letter alice@example.org "one" "$WORK/one.eml"
"$SMIME" sign "$WORK/one.eml" >"$M/new/1700000001.M1P1.host" 2>/dev/null
printf 'hello Bob, from openssl\n' >"$WORK/body.txt"
openssl cms -sign -signer "$PKI/alice.pem" -inkey "$PKI/alice.key" -certfile "$PKI/sub.pem" -in "$WORK/body.txt" \
    -from alice@example.org -to bob@example.org -subject peer -out "$WORK/peer.eml" 2>/dev/null
peer_size=$(stat -c %s "$WORK/peer.eml")
cp "$WORK/peer.eml" "$M/cur/1700000002.M2P2.host,S=$peer_size,W=$((peer_size + 20)):2,S"
letter alice@example.org "three" "$WORK/three.eml"
"$SMIME" sign "$WORK/three.eml" 2>/dev/null | sed 's/hello Bob, three/hello Bob, THREE/' >"$WORK/tampered.eml"
grep -q THREE "$WORK/tampered.eml" || fail "the tampering did not take"
cp "$WORK/tampered.eml" "$M/cur/1700000003.M3P3.host:2,RS"
head -c 4000 /dev/urandom >"$M/cur/1700000004.M4P4.host:2,"
letter carol@example.org "unsigned" "$M/new/1700000005.M5P5.host"
cp -a "$M" "$WORK/Maildir.orig"

rc=0
"$SMIME" --status-fd 3 verify --batch "$M" 3>"$WORK/status" 2>"$WORK/err" || rc=$?
[ "$rc" = 1 ] || { cat "$WORK/err" >&2; fail "verify --batch over the Maildir: exit $rc, want 1 (the tampered one)"; }
[ "$(wc -l <"$WORK/status")" = 5 ] || { cat "$WORK/status" >&2; fail "want one status line per message"; }
[ "$(grep -c '"file":"' "$WORK/status")" = 5 ] || fail "every status line names its file"
[ "$(wc -l <"$WORK/err")" = 5 ] || { cat "$WORK/err" >&2; fail "want one stderr line per message"; }
grep -q 'cur/1700000003.M3P3.host:2,RS: verify: failed' "$WORK/err" || fail "stderr names the file and the status"
[ "$(ls "$M/new" "$M/cur" | grep -vc -e '^$' -e ':$')" = 5 ] || { ls -R "$M" >&2; fail "a message was lost or doubled"; }
[ -z "$(ls -A "$M/tmp")" ] || fail "tmp/ is not empty"

check_message() {  # ORIGINAL-NAME WANT-STATUS: the status, and the new name it went to
    local file=$M/$1 want=$2
    local got; got=$(status_of "$file" "$WORK/status")
    [ "$got" = "verify:$want" ] || fail "$1: status $got, want $want"
    new=$(written_of "$file" "$WORK/status")
    [ -n "$new" ] && [ -f "$new" ] || fail "$1: not written back ($new)"
    [ ! -e "$file" ] || fail "$1: the old name stays"
    [ "$(dirname "$new")" = "$(dirname "$file")" ] || fail "$1: moved from $(dirname "$file") to $(dirname "$new")"
    base=$(basename "$new")
    [[ $base =~ ^[0-9]+\.M[0-9]+P[0-9]+Q[0-9]+\. ]] || fail "$1: $base is not a Maildir unique name"
}
check_message new/1700000001.M1P1.host ok
expect_grep '^X-SMIME-Signature: ok; signer="alice@example.org"' "$new"
expect_no_grep 'multipart/signed' "$new"
expect_grep '^hello Bob, one' "$new"
check_message "cur/1700000002.M2P2.host,S=$peer_size,W=$((peer_size + 20)):2,S" ok
[[ $base == *,S=$(stat -c %s "$new"):2,S ]] || fail "peer message: $base does not carry its new size and :2,S"
[[ $base != *,W=* ]] || fail "peer message: $base keeps the old W= size"
expect_grep '^X-SMIME-Signature: ok' "$new"
expect_grep '^hello Bob, from openssl' "$new"
[ "$(stat -c %Y "$new")" = "$(stat -c %Y "$WORK/Maildir.orig/cur/1700000002.M2P2.host,S=$peer_size,W=$((peer_size + 20)):2,S")" ] ||
    fail "peer message: modification time (the received date) not kept"
check_message cur/1700000003.M3P3.host:2,RS failed
[[ $base == *:2,RS ]] || fail "tampered: flags not kept in $base"
head -n1 "$new" | grep -q '^X-SMIME-Signature: failed' || fail "tampered: not flagged failed"
tail -n +2 "$new" | cmp -s - "$WORK/tampered.eml" || fail "tampered: the original is not kept under the flag"
check_message "cur/1700000004.M4P4.host:2," none
check_message new/1700000005.M5P5.host none
expect_grep '^X-SMIME-Signature: none' "$new"

# --status-only: only reports, touches nothing.
cp -a "$WORK/Maildir.orig" "$WORK/Maildir2"
snapshot_dir "$WORK/Maildir2" >"$WORK/snap.before"
rc=0; "$SMIME" --status-fd 3 verify --batch --status-only "$WORK/Maildir2" 3>"$WORK/status" 2>/dev/null || rc=$?
[ "$rc" = 1 ] && [ "$(wc -l <"$WORK/status")" = 5 ] || fail "verify --batch --status-only: exit $rc or not 5 lines"
snapshot_dir "$WORK/Maildir2" | cmp -s - "$WORK/snap.before" || fail "verify --batch --status-only changed the Maildir"
expect_no_grep '"written"' "$WORK/status"

# --- a subdirectory that cannot be written back into ---------------------
# One message cannot be written back: exit 2, that message intact, the
# others processed. root ignores modes: an immutable directory does it
# (chattr), else the check is skipped.
R=$WORK/Maildir-ro
cp -a "$WORK/Maildir.orig" "$R"
locked=
if [ "$(id -u)" != 0 ]; then
    chmod 555 "$R/cur" && locked=chmod
elif chattr +i "$R/cur" 2>/dev/null; then
    locked=chattr
    trap 'chattr -i "$R/cur" 2>/dev/null; [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
fi
if [ -n "$locked" ]; then
    (cd "$R/cur" && sha256sum -- *) >"$WORK/cur.sums"
    rc=0; "$SMIME" --status-fd 3 verify --batch "$R" 3>"$WORK/status" 2>"$WORK/err" || rc=$?
    [ "$locked" = chmod ] && chmod 755 "$R/cur" || chattr -i "$R/cur"
    [ "$rc" = 2 ] || { cat "$WORK/err" >&2; fail "write-back into a locked cur/: exit $rc, want 2"; }
    (cd "$R/cur" && sha256sum -c --quiet "$WORK/cur.sums") || fail "a message in the locked cur/ changed"
    [ "$(ls "$R/cur" | wc -l)" = 3 ] || fail "the locked cur/ lost or gained a message"
    [ "$(status_of "$R/cur/1700000003.M3P3.host:2,RS" "$WORK/status")" = verify:error ] || fail "write-back failure is not status error"
    [ "$(status_of "$R/new/1700000001.M1P1.host" "$WORK/status")" = verify:ok ] || fail "the others were not processed"
    [ ! -e "$R/new/1700000001.M1P1.host" ] || fail "new/ message not written back"
    [ -z "$(ls -A "$R/tmp")" ] || fail "tmp/ is not empty after a failed write-back"
else
    echo "SKIP part: running as root without chattr, the read-only check needs a mode root obeys" >&2
fi

# --- decrypt --batch over a directory -------------------------------------
D=$WORK/encrypted
mkdir -p "$D"
printf 'Content-Type: text/plain\n\nsecret for Bob from openssl\n' >"$WORK/inner.txt"
openssl cms -encrypt -aes256 -in "$WORK/inner.txt" -from alice@example.org -to bob@example.org -subject peer \
    -out "$D/a-openssl.eml" "$PKI/bob.pem" 2>/dev/null
letter alice@example.org "encrypted by smime" "$WORK/e.eml"
"$SMIME" encrypt --to bob@example.org "$WORK/e.eml" >"$D/b-smime.eml" 2>/dev/null
openssl cms -encrypt -aes256 -in "$WORK/inner.txt" -from alice@example.org -to carol@example.org -subject lost \
    -out "$D/c-carol.eml" "$PKI/carol.pem" 2>/dev/null
cp "$D/c-carol.eml" "$WORK/c-carol.orig"
chmod 640 "$D/b-smime.eml"
rc=0; "$SMIME" --status-fd 3 decrypt --batch "$D" 3>"$WORK/status" 2>"$WORK/err" || rc=$?
[ "$rc" = 1 ] || { cat "$WORK/err" >&2; fail "decrypt --batch: exit $rc, want 1 (carol's)"; }
[ "$(status_of "$D/a-openssl.eml" "$WORK/status")" = decrypt:ok ] || fail "openssl's message not decrypted"
[ "$(status_of "$D/b-smime.eml" "$WORK/status")" = decrypt:ok ] || fail "smime's message not decrypted"
[ "$(status_of "$D/c-carol.eml" "$WORK/status")" = decrypt:failed ] || fail "carol's message not failed"
expect_grep '^secret for Bob from openssl' "$D/a-openssl.eml"
expect_grep '^X-SMIME-Encryption: ok' "$D/a-openssl.eml"
expect_grep '^hello Bob, encrypted by smime' "$D/b-smime.eml"
[ "$(stat -c %a "$D/b-smime.eml")" = 640 ] || fail "permission bits not kept on write-back"
expect_grep '^Could not decrypt message' "$D/c-carol.eml"
expect_grep 'message/rfc822' "$D/c-carol.eml"
# The original is attached whole: its base64 body lines are all there.
grep -E '^[A-Za-z0-9+/=]{40,}$' "$WORK/c-carol.orig" | while read -r line; do
    grep -qxF "$line" "$D/c-carol.eml" || fail "the original is not attached whole"
done
[ "$(ls -A "$D" | wc -l)" = 3 ] || fail "decrypt --batch left temporary files"

# A key under a passphrase not given: decrypt cannot run for any message
# (status error, exit 2) and leaves every one as it was; with it, all open.
P=$WORK/ring-pass
"$SMIME" --home "$P" import-cert --trust "$PKI/ca.pem" >/dev/null 2>&1
"$SMIME" --home "$P" import-cert "$PKI/sub.pem" "$PKI/bob.pem" >/dev/null 2>&1
"$SMIME" --home "$P" import-key --passphrase-file "$PKI/pass.txt" "$PKI/bob-enc.key" >/dev/null 2>&1
mkdir -p "$WORK/locked"
"$SMIME" encrypt --to bob@example.org "$WORK/e.eml" >"$WORK/locked/1.eml" 2>/dev/null
cp "$WORK/locked/1.eml" "$WORK/locked/2.eml"
snapshot_dir "$WORK/locked" >"$WORK/snap.before"
rc=0; "$SMIME" --home "$P" --status-fd 3 decrypt --batch "$WORK/locked" 3>"$WORK/status" 2>/dev/null || rc=$?
[ "$rc" = 2 ] && [ "$(status_of "$WORK/locked/2.eml" "$WORK/status")" = decrypt:error ] || fail "decrypt --batch without the passphrase: exit $rc"
snapshot_dir "$WORK/locked" | cmp -s - "$WORK/snap.before" || fail "decrypt --batch that could not run changed a message"
rc=0; "$SMIME" --home "$P" decrypt --batch --passphrase-file "$PKI/pass.txt" "$WORK/locked" 2>/dev/null || rc=$?
[ "$rc" = 0 ] && grep -q "^hello Bob, encrypted by smime" "$WORK/locked/1.eml" && grep -q "^hello Bob, encrypted by smime" "$WORK/locked/2.eml" ||
    fail "decrypt --batch with the passphrase: exit $rc"

# decrypt of signed content: two lines, both with the file.
"$SMIME" encrypt --sign --to bob@example.org "$WORK/e.eml" >"$WORK/se.eml" 2>/dev/null
rc=0; "$SMIME" --status-fd 3 decrypt --batch "$WORK/se.eml" 3>"$WORK/status" 2>/dev/null || rc=$?
[ "$rc" = 0 ] && [ "$(status_of "$WORK/se.eml" "$WORK/status")" = "decrypt:ok verify:ok" ] ||
    fail "decrypt --batch of signed content: exit $rc, $(status_of "$WORK/se.eml" "$WORK/status")"

# --- sign and encrypt --batch over files, read back by openssl -------------
S=$WORK/outgoing
mkdir -p "$S"
letter alice@example.org "signed one" "$S/1.eml"
letter alice@example.org "signed two" "$S/2.eml"
letter carol@example.org "no key" "$S/3.eml"   # no key for carol: passes through, untouched
chmod 600 "$S/2.eml"
cp -a "$S" "$WORK/outgoing.orig"
touch -d '2020-01-01' "$S/3.eml"
rc=0; "$SMIME" --status-fd 3 sign --batch "$S/1.eml" "$S/2.eml" "$S/3.eml" 3>"$WORK/status" 2>/dev/null || rc=$?
[ "$rc" = 0 ] || fail "sign --batch: exit $rc, want 0 (ok for two, none for one)"
[ "$(status_of "$S/3.eml" "$WORK/status")" = sign:none ] || fail "carol's message: not status none"
cmp -s "$S/3.eml" "$WORK/outgoing.orig/3.eml" && [ "$(stat -c %Y "$S/3.eml")" = "$(date -d 2020-01-01 +%s)" ] ||
    fail "a message signed with no key was rewritten"
[ "$(stat -c %a "$S/2.eml")" = 600 ] || fail "sign --batch: permission bits not kept"
for n in 1 2; do
    openssl cms -verify -in "$S/$n.eml" -CAfile "$PKI/ca.pem" -out "$WORK/content" 2>/dev/null || fail "openssl cannot verify $n.eml"
    expect_grep "hello Bob, signed" "$WORK/content"
done
# --require: nothing to sign with is failed, and the file stays.
rc=0; "$SMIME" --status-fd 3 sign --require --batch "$WORK/outgoing.orig/3.eml" 3>"$WORK/status" 2>/dev/null || rc=$?
[ "$rc" = 1 ] && cmp -s "$WORK/outgoing.orig/3.eml" <(letter carol@example.org "no key" /dev/stdout) ||
    fail "sign --require --batch: exit $rc or the file changed"
[ "$(status_of "$WORK/outgoing.orig/3.eml" "$WORK/status")" = sign:failed ] || fail "sign --require --batch: not failed"

E=$WORK/to-encrypt
mkdir -p "$E"
letter alice@example.org "for bob one" "$E/1.eml"
letter alice@example.org "for bob two" "$E/2.eml"
rc=0; "$SMIME" encrypt --batch "$E" 2>/dev/null || rc=$?
[ "$rc" = 0 ] || fail "encrypt --batch: exit $rc"
for n in 1 2; do
    openssl cms -decrypt -recip "$PKI/bob.pem" -inkey "$PKI/bob.key" -in "$E/$n.eml" -out "$WORK/content" 2>/dev/null ||
        fail "openssl cannot decrypt $n.eml"
    expect_grep "hello Bob, for bob" "$WORK/content"
done
# --policy required with no certificate (carol): failed, untouched.
letter alice@example.org "to carol" "$WORK/carol.eml"
sed -i 's/^To: .*/To: carol@example.org/' "$WORK/carol.eml"
cp "$WORK/carol.eml" "$WORK/carol.orig"
rc=0; "$SMIME" encrypt --batch "$WORK/carol.eml" 2>/dev/null || rc=$?
[ "$rc" = 1 ] && cmp -s "$WORK/carol.eml" "$WORK/carol.orig" || fail "encrypt --batch, required, not possible: exit $rc or changed"
rc=0; "$SMIME" encrypt --policy if-possible --batch "$WORK/carol.eml" 2>/dev/null || rc=$?
[ "$rc" = 3 ] && cmp -s "$WORK/carol.eml" "$WORK/carol.orig" || fail "encrypt --batch, if-possible, not possible: exit $rc or changed"

# --- --output-dir: the originals stay byte-identical ----------------------
O=$WORK/signed-out
mkdir -p "$O"
snapshot_dir "$WORK/outgoing.orig" >"$WORK/snap.before"
rc=0; "$SMIME" --status-fd 3 sign --batch --output-dir "$O" "$WORK/outgoing.orig" 3>"$WORK/status" 2>/dev/null || rc=$?
[ "$rc" = 0 ] || fail "sign --batch --output-dir: exit $rc"
snapshot_dir "$WORK/outgoing.orig" | cmp -s - "$WORK/snap.before" || fail "--output-dir touched the originals"
[ "$(written_of "$WORK/outgoing.orig/1.eml" "$WORK/status")" = "$O/1.eml" ] || fail "--output-dir: written is not DIR/name"
openssl cms -verify -in "$O/1.eml" -CAfile "$PKI/ca.pem" -out /dev/null 2>/dev/null || fail "openssl cannot verify DIR/1.eml"
[ ! -e "$O/3.eml" ] || fail "--output-dir: an unchanged message (no key) was written"

# --- one bad message never stops the others --------------------------------
B=$WORK/bad
mkdir -p "$B"
"$SMIME" sign "$WORK/one.eml" >"$B/a.eml" 2>/dev/null
cp "$B/a.eml" "$B/b.eml"
chmod 000 "$B/b.eml"
cp "$B/a.eml" "$B/c.eml"
{ cat "$B/a.eml"; head -c 6000 /dev/zero | tr '\0' x; echo; } >"$B/big.eml"   # over the limit below
rc=0; "$SMIME" --max-message-size 5K --status-fd 3 verify --batch "$B" "$WORK/absent.eml" 3>"$WORK/status" 2>/dev/null || rc=$?
if [ "$(id -u)" != 0 ]; then
    [ "$(status_of "$B/b.eml" "$WORK/status")" = verify:error ] || fail "unreadable message: not status error"
fi
chmod 644 "$B/b.eml"
[ "$rc" = 2 ] || fail "a missing PATH: exit $rc, want 2"
[ "$(status_of "$WORK/absent.eml" "$WORK/status")" = verify:error ] || fail "missing PATH: not status error"
[ "$(status_of "$B/a.eml" "$WORK/status")" = verify:ok ] && [ "$(status_of "$B/c.eml" "$WORK/status")" = verify:ok ] ||
    fail "the good messages around a bad one were not processed"
[ "$(status_of "$B/big.eml" "$WORK/status")" = verify:failed ] || fail "a message over max-message-size: not failed"
expect_grep 'max-message-size' "$B/big.eml"

# --- the README's Maildir recipe, run literally -----------------------------
BIN=$WORK/bin
mkdir -p "$BIN"
ln -s "$SMIME" "$BIN/smime"
"$PY" "$TESTS_DIR/filters/readme_blocks.py" "$TESTS_DIR/../README.md" "sh smime-maildir" >"$BIN/smime-maildir"
IN=$WORK/Maildir-in OUT=$WORK/Maildir-out
mkdir -p "$IN/new" "$IN/cur" "$IN/tmp" "$OUT/new" "$OUT/cur" "$OUT/tmp"
"$SMIME" encrypt --sign --to bob@example.org "$WORK/e.eml" >"$IN/new/1700000010.M1P1.host" 2>/dev/null
"$SMIME" sign "$WORK/one.eml" >"$IN/new/1700000011.M1P1.host" 2>/dev/null
letter carol@example.org "plain" "$IN/new/1700000012.M1P1.host"
cp "$IN/new/1700000010.M1P1.host" "$WORK/kept.eml"
run_recipe() { PATH=$BIN:$PATH SMIME_HOME=$P sh "$BIN/smime-maildir" "$IN" "$OUT" 2>/dev/null; }
# Bob's key under a passphrase that is not given: the encrypted one stays for the next run.
run_recipe || fail "smime-maildir: exit $?"
[ "$(ls "$OUT/new" | wc -l)" = 2 ] && [ -f "$IN/smime/1700000010.M1P1.host" ] && [ -z "$(ls -A "$IN/new")" ] ||
    { ls -R "$IN" "$OUT" >&2; fail "smime-maildir without the passphrase: want 2 moved, the encrypted one kept"; }
cmp -s "$IN/smime/1700000010.M1P1.host" "$WORK/kept.eml" || fail "smime-maildir: the message it could not decrypt changed"
expect_grep '^X-SMIME-Signature: ok' "$OUT/new/1700000011.M1P1.host"
expect_grep '^X-SMIME-Signature: none' "$OUT/new/1700000012.M1P1.host"
expect_grep 'application/pkcs7-mime' "$IN/smime/1700000010.M1P1.host"
SMIME_PASSPHRASE_FILE=$PKI/pass.txt run_recipe || fail "smime-maildir with the passphrase: exit $?"
[ -z "$(ls -A "$IN/smime")" ] && [ "$(ls "$OUT/new" | wc -l)" = 3 ] || fail "smime-maildir: the encrypted one did not follow"
expect_grep '^X-SMIME-Encryption: ok' "$OUT/new/1700000010.M1P1.host"
expect_grep '^X-SMIME-Signature: ok' "$OUT/new/1700000010.M1P1.host"
expect_grep '^hello Bob, encrypted by smime' "$OUT/new/1700000010.M1P1.host"
snapshot_dir "$OUT" >"$WORK/snap.before"
run_recipe || fail "smime-maildir with nothing new: exit $?"
snapshot_dir "$OUT" | cmp -s - "$WORK/snap.before" || fail "smime-maildir processed a message twice"

# --- usage errors: exit 2, nothing touched ---------------------------------
U=$WORK/usage
cp -a "$WORK/Maildir.orig" "$U"
snapshot_dir "$U" >"$WORK/snap.before"
for args in "verify --batch" "verify --output-dir $O $U/new/1700000001.M1P1.host" "-o $WORK/one-out verify --batch $U" \
    "verify --batch -" "verify --batch --status-only --output-dir $O $U" "sign --batch --output-dir $WORK/nowhere $U" \
    "decrypt $U/new/1700000001.M1P1.host $U/new/1700000005.M5P5.host"; do
    rc=0; "$SMIME" $args </dev/null >"$WORK/out" 2>/dev/null || rc=$?
    [ "$rc" = 2 ] && [ ! -s "$WORK/out" ] || fail "usage error '$args': exit $rc, $(wc -c <"$WORK/out") bytes out"
done
snapshot_dir "$U" | cmp -s - "$WORK/snap.before" || fail "a usage error touched the Maildir"
[ ! -e "$WORK/one-out" ] || fail "--output with --batch wrote a file"

echo "ok: --batch over a Maildir, a directory and files, write-back rules, exit summary, usage errors"
