# Shared set-up of the adversarial tests: the test PKI, a keyring that trusts
# its root and holds alice, bob and carol with keys and the sub CA's CRL, and
# assertions that a hostile message got the right exit code, status line and
# header, and that nothing of it was lost.
source "$TESTS_DIR/lib/common.sh"
command -v openssl >/dev/null || skip "openssl missing"
PY=/usr/bin/python3
make_pki
"$SMIME" import-cert --trust "$PKI/ca.pem" 2>/dev/null
"$SMIME" import-cert "$PKI/sub.pem" 2>/dev/null
for n in alice bob carol revoked; do
    "$SMIME" import-cert "$PKI/$n.pem" 2>/dev/null
    "$SMIME" import-key "$PKI/$n.key" 2>/dev/null
done
"$SMIME" import-crl "$PKI/crl.pem" 2>/dev/null
snapshot start  # verify and decrypt never write the keyring: compared by finish

printf 'Content-Type: text/plain\n\nSigned text: pay 10 EUR to Alice.\n' >"$WORK/body.txt"

# osign WHO OUT [openssl cms args...]: a detached signature by WHO over
# body.txt (or -in FILE), as multipart/signed without outer headers.
source "$TESTS_DIR/lib/openssl-sign.sh"
osign() { openssl_sign_detached "$PKI" "$WORK/body.txt" "$@" || fail "openssl cms -sign $1"; }
# user_cert NAME EXTENSIONS [openssl x509 args...]: an EC end-entity
# certificate $WORK/NAME.pem (key NAME.key) issued by the sub CA, with the
# extension lines given (printf %b), e.g. 'subjectAltName = email:x@y'.
user_cert() {
    local name=$1 ext=$2
    shift 2
    printf '[ext]\nbasicConstraints = CA:false\nkeyUsage = critical, digitalSignature, keyAgreement\nextendedKeyUsage = emailProtection\n%b\n' \
        "$ext" >"$WORK/$name.cnf"
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/$name.key" \
        -subj "/CN=$name" -out "$WORK/$name.csr" 2>/dev/null || fail "req $name"
    openssl x509 -req -in "$WORK/$name.csr" -CA "$PKI/sub.pem" -CAkey "$PKI/sub.key" -days 30 \
        -extfile "$WORK/$name.cnf" -extensions ext -out "$WORK/$name.pem" "$@" 2>/dev/null || fail "x509 $name"
}

# with_headers HEADERS IN OUT: header lines (printf %b) on top of IN
with_headers() { { printf '%b' "$1"; cat "$2"; } >"$3"; }

# exit code SPEC gives a status
rc_of() { case $1 in ok) echo 0 ;; none) echo 3 ;; *) echo 1 ;; esac; }

# run_op OP FILE [smime args...]: smime OP FILE with --status-fd, stdout in
# $WORK/out, status lines in $WORK/status; exit code in $rc.
run_op() {
    local op=$1 file=$2
    shift 2
    rc=0
    "$SMIME" --status-fd 3 "$@" "$op" "$file" 3>"$WORK/status" >"$WORK/out" 2>"$WORK/err" || rc=$?
}

# expect_status OP FILE STATUS REASON-REGEX [smime args...]: runs OP on
# FILE; the exit code SPEC gives STATUS, and a status line of OP with it
# (and a reason matching REASON-REGEX, unless that is empty).
expect_status() {
    local op=$1 file=$2 want=$3 reason=$4
    shift 4
    run_op "$op" "$file" "$@"
    [ "$rc" = "$(rc_of "$want")" ] || { cat "$WORK/err" "$WORK/status" >&2; fail "$op $file: exit $rc, wanted $want"; }
    expect_grep "^\{\"op\":\"$op\",\"status\":\"$want\"" "$WORK/status"
    [ -z "$reason" ] || expect_grep "\"reason\":\"[^\"]*$reason" "$WORK/status"
}

# expect_verify FILE STATUS [REASON-REGEX] [smime args...]: exit code,
# status line and header as SPEC says; a non-ok message comes back
# byte for byte (forged X-SMIME-* aside) under the one header.
expect_verify() {
    local file=$1 want=$2 reason=${3:-}
    shift 3 || shift $#
    expect_status verify "$file" "$want" "$reason" "$@"
    sed -n "/^\r\?\$/q; /^X-SMIME-Signature: $want/p" "$WORK/out" | grep -q . ||
        fail "verify $file: no X-SMIME-Signature: $want header"
    [ "$(grep -ci '^X-SMIME-' "$WORK/out")" = 1 ] || fail "verify $file: more than our one X-SMIME header"
    if [ "$want" != ok ] && ! grep -qi '^X-SMIME-' "$file"; then  # ours is the first line then
        tail -n +2 "$WORK/out" | cmp -s - "$file" || fail "verify $file: the original did not come back unchanged"
    fi
}

# expect_decrypt FILE STATUS [REASON-REGEX] [smime args...]: the same for
# decrypt; on failure the original is attached unchanged (SPEC decrypt).
expect_decrypt() {
    local file=$1 want=$2 reason=${3:-}
    shift 3 || shift $#
    expect_status decrypt "$file" "$want" "$reason" "$@"
    grep -q "^X-SMIME-Encryption: $want" "$WORK/out" || fail "decrypt $file: no X-SMIME-Encryption: $want header"
    if [ "$want" = failed ]; then
        "$PY" - "$file" "$WORK/out" <<'PY' || fail "decrypt $file: the original is not attached unchanged"
import sys
sys.exit(0 if open(sys.argv[1], 'rb').read() in open(sys.argv[2], 'rb').read() else 1)
PY
    fi
}

# finish: the keyring is as it was after set-up, and check is clean.
finish() {
    expect_unchanged start
    echo "ok: $(basename "$0" .sh)"
}
