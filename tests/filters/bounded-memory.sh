#!/usr/bin/env bash
# The filter path in bounded memory: a 256 MiB message signed, verified,
# encrypted and decrypted (opaque signed-data and encrypt --sign too) from a named file, from standard input redirected from it, and
# through a pipe (max-message-size raised for it), each with its peak RSS
# (GNU time) at most 32 MiB, and each product checked by smime itself
# (verify, decrypt) and compared. A tampered big message verifies as failed
# and comes out whole, flagged; a damaged big encrypted one (CBC and GCM)
# fails with the original attached and none of its plaintext. The product is
# spooled and passed on whole: a sign that fails after the entity was
# streamed writes nothing, and with no temporary directory the bytes are
# kept in memory instead of the mail being refused.
# Under sanitizers (their shadow memory is no measure) a 16 MiB message
# goes the same ways, without the bound.
source "$TESTS_DIR/lib/common.sh"
make_pki
expect_exit 0 "$SMIME" import-cert --trust "$PKI/ca.pem"
expect_exit 0 "$SMIME" import-cert "$PKI/sub.pem" "$PKI/alice.pem" "$PKI/bob.pem"
expect_exit 0 "$SMIME" import-key "$PKI/alice.key" "$PKI/bob.key"

size_mib=256 bound_kib=$((32 * 1024))
if [ "${SMIME_SANITIZER_BUILD:-0}" = 1 ]; then
    size_mib=16 bound_kib=
fi
msg=$WORK/big.eml
/usr/bin/python3 - "$msg" "$size_mib" <<'PY'
import base64, os, sys
path, mib = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("From: alice@example.org\nTo: bob@example.org\nSubject: big\nMIME-Version: 1.0\n"
            'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nsee attachment\n'
            '--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n')
    chunk = os.urandom(3 << 20)
    for i in range(mib * 3 // 4 // 3):
        f.write(base64.encodebytes(chunk[i:] + chunk[:i]).decode())
    f.write("--b--\n")
PY

# measured WAY OUT CMD...: runs CMD with the message as WAY says (file: the
# last argument names it; stdin: redirected; pipe: cat |), stdout to OUT,
# and checks the exit code ($want, else 0) and the bound on its peak RSS.
# $input names another message than $msg.
measured() {
    local way=$1 out=$2 rc=0 want=${want:-0} in=${input:-$msg}
    shift 2
    case $way in
        file) /usr/bin/time -f %M -o "$WORK/rss" "$@" "$in" >"$out" 2>"$WORK/err" || rc=$? ;;
        stdin) /usr/bin/time -f %M -o "$WORK/rss" "$@" <"$in" >"$out" 2>"$WORK/err" || rc=$? ;;
        pipe) cat "$in" | /usr/bin/time -f %M -o "$WORK/rss" "$@" >"$out" 2>"$WORK/err" || rc=$? ;;
    esac
    [ "$rc" = "$want" ] || { cat "$WORK/err" >&2; fail "$way: $*: exit $rc, want $want"; }
    local rss
    rss=$(tail -1 "$WORK/rss")
    echo "$way ${*: -1}: peak RSS $((rss / 1024)) MiB"
    [ -z "$bound_kib" ] || [ "$rss" -le "$bound_kib" ] || fail "$way: $*: peak RSS $rss KiB over $bound_kib KiB"
}

for way in file stdin pipe; do
    measured $way "$WORK/signed.eml" "$SMIME" --max-message-size 1G sign
    input=$WORK/signed.eml measured $way "$WORK/verified.eml" "$SMIME" --max-message-size 1G --status-fd 3 verify \
        3>"$WORK/status"
    expect_grep '"op":"verify","status":"ok"' "$WORK/status"
    # unwrapped: the original's headers and body again, with the verdict
    grep -q '^X-SMIME-Signature: ok' "$WORK/verified.eml" || fail "$way: verified message not flagged ok"
    cmp -s <(grep -v '^X-SMIME-Signature:' "$WORK/verified.eml" | tr -d '\r') <(tr -d '\r' <"$msg") ||
        fail "$way: the verified message differs from the one signed"
    rm -f "$WORK/out" "$WORK/verified.eml"

    measured $way "$WORK/enc.eml" "$SMIME" --max-message-size 1G encrypt
    input=$WORK/enc.eml measured $way "$WORK/decrypted.eml" "$SMIME" --max-message-size 1G decrypt
    # the message comes back whole, with the verdict added
    cmp -s <(grep -v '^X-SMIME-Encryption: ok' "$WORK/decrypted.eml") "$msg" ||
        fail "$way: the decrypted message differs from the one encrypted"
    rm -f "$WORK/decrypted.eml"
    [ "$way" = pipe ] || rm -f "$WORK/enc.eml"
done

# Opaque signed-data, by smime and by openssl cms -stream (BER, the content
# cut in 4 KiB segments): verified in bounded memory too.
measured file "$WORK/opaque.eml" "$SMIME" --max-message-size 1G sign --opaque
{ sed -n '1,3p' "$msg"; openssl cms -sign -stream -nodetach -signer "$PKI/alice.pem" -inkey "$PKI/alice.key" \
    -certfile "$PKI/sub.pem" -in "$msg"; } >"$WORK/opaque-openssl.eml"
for signed in "$WORK/opaque.eml" "$WORK/opaque-openssl.eml"; do
    input=$signed measured file "$WORK/verified.eml" "$SMIME" --max-message-size 1G --status-fd 3 verify 3>"$WORK/status"
    expect_grep '"op":"verify","status":"ok"' "$WORK/status"
    if [ "$signed" = "$WORK/opaque.eml" ]; then
        cmp -s <(grep -v '^X-SMIME-Signature:' "$WORK/verified.eml" | tr -d '\r' | sort) <(tr -d '\r' <"$msg" | sort)
    else  # openssl signed the whole message, headers and all: it follows ours
        cmp -s <(tail -c "$(wc -c <"$msg")" "$WORK/verified.eml") "$msg"
    fi || fail "$signed: the verified message differs from the one signed"
done
rm -f "$WORK/opaque.eml" "$WORK/opaque-openssl.eml" "$WORK/verified.eml"

# Forged X-SMIME-* fields inside a big message are removed, in bounded
# memory too: verify of the signed message, decrypt of the encrypted one.
sed 's/^Content-Type: text\/plain$/&\nX-SMIME-Signature: ok; signer="ceo@example.org"/' "$msg" >"$WORK/forged.eml"
"$SMIME" --max-message-size 1G sign "$WORK/forged.eml" >"$WORK/forged-signed.eml"
"$SMIME" --max-message-size 1G encrypt "$WORK/forged.eml" >"$WORK/forged-enc.eml"
for op in verify decrypt; do
    in=$WORK/forged-signed.eml
    [ $op = verify ] || in=$WORK/forged-enc.eml
    input=$in measured file "$WORK/cleaned.eml" "$SMIME" --max-message-size 1G $op
    ! grep -q 'ceo@example.org' "$WORK/cleaned.eml" || fail "$op: a forged field inside a big message stayed"
    cmp -s <(grep -v '^X-SMIME-' "$WORK/cleaned.eml" | tr -d '\r') <(tr -d '\r' <"$msg") ||
        fail "$op: the message with a forged field inside came out different"
done
rm -f "$WORK"/forged*.eml "$WORK/cleaned.eml"

# A tampered big message: failed, and the original comes out whole with the
# verdict on top (a filter never loses the mail it could not verify).
/usr/bin/python3 - "$WORK/signed.eml" "$WORK/tampered.eml" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
at = len(data) // 2
at = data.index(b"\n", at) + 1  # first byte of a base64 line in the attachment
data[at] = ord("A") if data[at] != ord("A") else ord("B")
open(sys.argv[2], "wb").write(data)
PY
for way in file pipe; do
    want=1 input=$WORK/tampered.eml measured $way "$WORK/flagged.eml" "$SMIME" --max-message-size 1G --status-fd 3 \
        verify 3>"$WORK/status"
    expect_grep '"status":"failed","reason":"signature does not match the signed content"' "$WORK/status"
    cmp -s <(tail -n +2 "$WORK/flagged.eml") "$WORK/tampered.eml" || fail "$way: the tampered message did not come out whole"
    head -1 "$WORK/flagged.eml" | grep -q '^X-SMIME-Signature: failed' || fail "$way: not flagged failed"
done
rm -f "$WORK/tampered.eml" "$WORK/flagged.eml"

# Signed, then encrypted (by encrypt --sign): decrypt checks the signature
# inside, both in bounded memory.
measured file "$WORK/signed-enc.eml" "$SMIME" --max-message-size 1G encrypt --sign
input=$WORK/signed-enc.eml measured file "$WORK/opened.eml" "$SMIME" --max-message-size 1G --status-fd 3 decrypt \
    3>"$WORK/status"
expect_grep '"op":"decrypt","status":"ok",.*"integrity":"signature"' "$WORK/status"
openssl cms -decrypt -recip "$PKI/bob.pem" -inkey "$PKI/bob.key" -in "$WORK/signed-enc.eml" 2>"$WORK/err" |
    openssl cms -verify -CAfile "$PKI/ca.pem" -out /dev/null 2>>"$WORK/err" ||
    { cat "$WORK/err" >&2; fail "openssl cannot open and verify what encrypt --sign made"; }
expect_grep '"op":"verify","status":"ok"' "$WORK/status"
cmp -s <(grep -v '^X-SMIME-' "$WORK/opened.eml" | tr -d '\r') <(tr -d '\r' <"$msg") ||
    fail "the decrypted and verified message differs from the one signed"
rm -f "$WORK/signed-enc.eml" "$WORK/opened.eml"

# A damaged big encrypted message: GCM with one base64 character changed
# halfway (its tag no longer holds), CBC cut off halfway (as by a full disk).
# Failed, nothing of the plaintext comes out, the original does, attached whole.
"$SMIME" --max-message-size 1G encrypt --cipher aes256-gcm "$msg" >"$WORK/gcm.eml"
for enc in "$WORK/gcm.eml" "$WORK/enc.eml"; do
    /usr/bin/python3 - "$enc" "$WORK/damaged.eml" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
at = data.index(b"\n", len(data) // 2) + 1
if b"authEnveloped" in data[:4096]:
    data[at] = ord("A") if data[at] != ord("A") else ord("B")
else:
    del data[at:]
open(sys.argv[2], "wb").write(data)
PY
    want=1 input=$WORK/damaged.eml measured file "$WORK/failed.eml" "$SMIME" --max-message-size 1G --status-fd 3 \
        decrypt 3>"$WORK/status"
    expect_grep '"op":"decrypt","status":"failed","reason":"' "$WORK/status"
    grep -q '^Could not decrypt message' "$WORK/failed.eml" || fail "$enc: no failure text"
    ! grep -q '^see attachment' "$WORK/failed.eml" || fail "$enc: plaintext of a damaged message came out"
    cmp -s <(sed -n '/^Content-Disposition: attachment; filename="original.eml"/,$p' "$WORK/failed.eml" |
        sed '1,2d;$d') "$WORK/damaged.eml" || fail "$enc: the original is not attached whole"
done
rm -f "$WORK/enc.eml" "$WORK/gcm.eml" "$WORK/damaged.eml" "$WORK/failed.eml"

# All or nothing: --require with a signer that has no key fails after the
# message was read whole, and writes nothing, to stdout or to --output.
sed 's/^From: alice@example.org/From: nobody@example.org/' "$msg" >"$WORK/nokey.eml"
rc=0
"$SMIME" --max-message-size 1G sign --require <"$WORK/nokey.eml" >"$WORK/out" 2>"$WORK/err" || rc=$?
[ "$rc" = 1 ] && [ ! -s "$WORK/out" ] || fail "sign --require without a key: exit $rc, $(wc -c <"$WORK/out") bytes out"
rc=0
"$SMIME" --max-message-size 1G --output "$WORK/product.eml" sign --require "$WORK/nokey.eml" 2>"$WORK/err" || rc=$?
[ "$rc" = 1 ] && [ ! -e "$WORK/product.eml" ] || fail "sign --require --output: exit $rc, or a product was left"
# Without a key (sign) or a certificate (encrypt --policy if-possible) the
# message passes through unchanged, in bounded memory too.
msg=$WORK/nokey.eml
sed 's/^To: bob@example.org/To: nobody@example.org/' "$WORK/nokey.eml" >"$WORK/nocert.eml"
for way in file pipe; do
    want=3 measured $way "$WORK/passed.eml" "$SMIME" --max-message-size 1G sign
    cmp -s "$WORK/passed.eml" "$WORK/nokey.eml" || fail "$way: sign pass-through changed the message"
done
msg=$WORK/nocert.eml
for way in file pipe; do
    want=3 measured $way "$WORK/passed.eml" "$SMIME" --max-message-size 1G encrypt --policy if-possible
    cmp -s "$WORK/passed.eml" "$WORK/nocert.eml" || fail "$way: encrypt pass-through changed the message"
done
msg=$WORK/big.eml

# No temporary directory to spool in: the message and the product are kept in memory.
head -c $((24 << 20)) "$msg" >"$WORK/medium.eml"
echo "--b--" >>"$WORK/medium.eml"
rc=0
cat "$WORK/medium.eml" | TMPDIR=$WORK/nowhere "$SMIME" sign >"$WORK/signed.eml" 2>"$WORK/err" || rc=$?
[ "$rc" = 0 ] || { cat "$WORK/err" >&2; fail "sign with TMPDIR missing: exit $rc"; }
expect_exit 0 "$SMIME" verify "$WORK/signed.eml"
# The same for the other operations, through a pipe and from a file: what
# would have gone to temporary files stays in memory and comes out right.
nowhere() { TMPDIR=$WORK/nowhere "$SMIME" "$@"; }
"$SMIME" sign --opaque "$WORK/medium.eml" >"$WORK/opaque.eml"
"$SMIME" encrypt --cipher aes256-gcm "$WORK/medium.eml" >"$WORK/enc.eml"
"$SMIME" encrypt --sign "$WORK/medium.eml" >"$WORK/signed-enc.eml"
for way in pipe file; do
    run() {
        local in=$1
        shift
        if [ $way = pipe ]; then cat "$in" | nowhere "$@"; else nowhere "$@" "$in"; fi
    }
    for signed in "$WORK/signed.eml" "$WORK/opaque.eml"; do
        run "$signed" --status-fd 3 verify 3>"$WORK/status" >"$WORK/out" 2>"$WORK/err" ||
            { cat "$WORK/err" >&2; fail "$way: verify $signed with TMPDIR missing"; }
        cmp -s <(grep -v '^X-SMIME-' "$WORK/out" | tr -d '\r' | sort) <(tr -d '\r' <"$WORK/medium.eml" | sort) ||
            fail "$way: verify $signed with TMPDIR missing: the message came out different"
    done
    for enc in "$WORK/enc.eml" "$WORK/signed-enc.eml"; do
        run "$enc" decrypt >"$WORK/out" 2>"$WORK/err" ||
            { cat "$WORK/err" >&2; fail "$way: decrypt $enc with TMPDIR missing"; }
        cmp -s <(grep -v '^X-SMIME-' "$WORK/out" | tr -d '\r') <(tr -d '\r' <"$WORK/medium.eml") ||
            fail "$way: decrypt $enc with TMPDIR missing: the message came out different"
    done
    run "$WORK/medium.eml" encrypt --sign >"$WORK/made.eml" 2>"$WORK/err" ||
        { cat "$WORK/err" >&2; fail "$way: encrypt --sign with TMPDIR missing"; }
    expect_exit 0 "$SMIME" decrypt "$WORK/made.eml"
done
