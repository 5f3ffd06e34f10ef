# Shared set-up for the sign/verify shell tests, over the one harness
# (tests/lib/common.sh): a fresh PKI and a keyring filled through the real
# CLI. Checks here count failures and go on, so one run lists every wrong
# verdict; finish reports them.
source "$TESTS_DIR/lib/common.sh"
command -v openssl >/dev/null || skip "openssl missing"
make_pki
set +e
work=$WORK
pki=$PKI
home=$WORK/home

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }
smime() { "$SMIME" --home "$home" "$@"; }

# A keyring with the test root trusted, the sub CA, every user's certificate
# and key, and the sub CA's CRL.
setup_keyring() {
    smime import-cert --trust "$pki/ca.pem" >/dev/null 2>&1 || return 1
    smime import-cert "$pki/sub.pem" >/dev/null 2>&1 || return 1
    local n
    for n in alice bob carol dave revoked expired selfsigned; do
        smime import-cert "$pki/$n.pem" >/dev/null 2>&1 || return 1
        smime import-key "$pki/$n.key" >/dev/null 2>&1 || return 1
    done
    smime import-crl "$pki/crl.pem" >/dev/null 2>&1 || return 1
}

# message FROM [BODY]: a small LF-ended mail
message() {
    printf 'From: %s\nTo: bob@example.org\nSubject: test\nDate: Thu, 26 Nov 2026 10:00:00 +0000\n\n%s\n' "$1" "${2:-Hello, this is a test.}"
}

# expect_rc WANT CMD...: runs CMD, checks the exit code
expect_rc() {
    local want=$1
    shift
    "$@"
    local rc=$?
    [ "$rc" = "$want" ] || { fail "exit $rc, wanted $want: $*"; return 1; }
}

# verify_status FILE WANT [REASON-SUBSTRING]: smime verify FILE gives status
# WANT (status line) and its exit code; the reason contains REASON-SUBSTRING.
verify_status() {
    local file=$1 want=$2 reason=${3:-} rc status
    smime --status-fd 3 verify --status-only "$file" 3>"$work/status.json" 2>/dev/null
    rc=$?
    status=$(cat "$work/status.json")
    case $want in ok) wrc=0 ;; none) wrc=3 ;; *) wrc=1 ;; esac
    if [ "$rc" != "$wrc" ] || [[ "$status" != *"\"status\":\"$want\""* ]] || [[ "$status" != *"$reason"* ]]; then
        fail "verify $file: exit $rc status $status (wanted $want ${reason:+with \"$reason\"})"
        return 1
    fi
    pass "verify $(basename "$file"): $want${reason:+ ($reason)}"
}

finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures failure(s)"
        exit 1
    fi
    exit 0
}
