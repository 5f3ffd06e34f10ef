# Sourced by shell tests: a temp dir cleaned on exit, a fresh test PKI, and
# small assertions. $SMIME is the built binary (set by meson).
set -euo pipefail
: "${SMIME:?SMIME must point at the built smime binary}"
TESTS_DIR=${TESTS_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
WORK=$(mktemp -d)
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
export SMIME_HOME=$WORK/home
unset SMIME_PASSPHRASE_FILE XDG_DATA_HOME

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }

# make_pki: generates the test PKI (tests/lib/gen-certs.sh) into $PKI.
make_pki() {
    PKI=$WORK/pki
    "$TESTS_DIR/lib/gen-certs.sh" "$PKI" >/dev/null
}

# expect_exit CODE CMD...: runs CMD, stdout to $WORK/out, stderr to $WORK/err.
expect_exit() {
    local want=$1; shift
    local got=0
    "$@" >"$WORK/out" 2>"$WORK/err" || got=$?
    if [ "$got" != "$want" ]; then
        echo "--- stdout" >&2; head -c 2000 "$WORK/out" >&2
        echo "--- stderr" >&2; head -c 2000 "$WORK/err" >&2
        fail "expected exit $want, got $got: $*"
    fi
}

# expect_grep PATTERN FILE: FILE must contain PATTERN (grep -E).
expect_grep() { grep -Eq -- "$1" "$2" || { cat "$2" >&2; fail "'$1' not found in $2"; }; }
expect_no_grep() { ! grep -Eq -- "$1" "$2" || { cat "$2" >&2; fail "'$1' unexpectedly in $2"; }; }

# snapshot NAME: records the keyring listing and check result, to compare
# after an operation that must not change anything.
snapshot() {
    "$SMIME" list >"$WORK/snap.$1" 2>/dev/null || true
    (cd "$SMIME_HOME" 2>/dev/null && find . -type f ! -name .lock | sort | xargs -r sha256sum) >>"$WORK/snap.$1"
}
expect_unchanged() {
    snapshot after
    cmp -s "$WORK/snap.$1" "$WORK/snap.after" || { diff "$WORK/snap.$1" "$WORK/snap.after" >&2; fail "keyring changed"; }
    "$SMIME" check 2>"$WORK/check.err" || { cat "$WORK/check.err" >&2; fail "check not clean"; }
}
