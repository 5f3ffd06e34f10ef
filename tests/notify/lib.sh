# Shared by the send-notification tests (sourced), over the one harness
# (tests/lib/common.sh): each test gets its own temp dir with a fresh PKI
# and keyring; servers it starts are stopped by PID.
source "$TESTS_DIR/lib/common.sh"
unset SMIME_HOME  # every command names its keyring with --home
PY=/usr/bin/python3   # Debian's interpreter: it has python3-aiosmtpd
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

PKI=$WORK/pki
HOME_DIR=$WORK/home
pki() { make_pki; }  # a fresh test PKI in $PKI
seed() {  # seed NAME... : imports NAME's certificate (and the chain); NAME+key also its key
    local certs=("$PKI/chain.pem") keys=()
    for name in "$@"; do
        case $name in
            *+key) name=${name%+key}; certs+=("$PKI/$name.pem"); keys+=("$PKI/$name.key") ;;
            *) certs+=("$PKI/$name.pem") ;;
        esac
    done
    "$SMIME" --home "$HOME_DIR" -q import-cert "${certs[@]}" >/dev/null || fail "import-cert ${certs[*]}"
    if [ ${#keys[@]} -gt 0 ]; then
        "$SMIME" --home "$HOME_DIR" -q import-key "${keys[@]}" >/dev/null || fail "import-key ${keys[*]}"
    fi
}

# notify ARGS...: runs send-notification; sets RC, STATUS (status lines), ERR (stderr).
notify() {
    set +e
    "$SMIME" --home "$HOME_DIR" --status-fd 3 send-notification "$@" \
        3>"$WORK/status" 2>"$WORK/stderr" </dev/null
    RC=$?
    set -e
    STATUS=$(cat "$WORK/status")
    ERR=$(cat "$WORK/stderr")
}
notify_stdin() {  # like notify, body on stdin from file $1
    local input=$1; shift
    set +e
    "$SMIME" --home "$HOME_DIR" --status-fd 3 send-notification "$@" \
        3>"$WORK/status" 2>"$WORK/stderr" <"$input"
    RC=$?
    set -e
    STATUS=$(cat "$WORK/status")
    ERR=$(cat "$WORK/stderr")
}
expect_rc() {
    [ "$RC" = "$1" ] || fail "exit code $RC, want $1 (${2:-}); stderr: $ERR; status: $STATUS"
}
# status_of ADDR: the status line of that recipient (exactly one must exist)
status_of() {
    local lines
    lines=$(grep -F "\"recipient\":\"$1\"" <<<"$STATUS" || true)
    [ "$(grep -c . <<<"$lines")" = 1 ] || fail "want one status line for $1, got: $lines"
    echo "$lines"
}
expect_status() {  # expect_status ADDR ok|not-sent [FIELD-SUBSTRING...]
    local line
    line=$(status_of "$1")
    grep -qF "\"op\":\"send-notification\",\"status\":\"$2\"" <<<"$line" || fail "$1: want $2, got $line"
    shift 2
    for want in "$@"; do
        grep -qF "$want" <<<"$line" || fail "status line lacks $want: $line"
    done
}

# A private CA and a server certificate for 127.0.0.1 (SMTP TLS).
server_cert() {
    local d=$WORK/tls
    mkdir -p "$d"
    openssl req -x509 -new -newkey rsa:2048 -nodes -keyout "$d/ca.key" -out "$d/ca.pem" -days 2 \
        -subj "/CN=smtp test CA" -addext "basicConstraints=critical,CA:true" \
        -addext "keyUsage=critical,keyCertSign" 2>/dev/null
    openssl req -new -newkey rsa:2048 -nodes -keyout "$d/server.key" -out "$d/server.csr" \
        -subj "/CN=127.0.0.1" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$d/ext"
    openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial \
        -days 2 -extfile "$d/ext" -out "$d/server.pem" 2>/dev/null
    TLS_CA=$d/ca.pem
}

# start_server [smtp_server.py options...]: sets PORT, MAILDIR. Stops itself
# after 90 s at the latest; cleanup stops it sooner.
start_server() {
    [ -x "$PY" ] && "$PY" -c 'import aiosmtpd' 2>/dev/null || skip "Debian's python3-aiosmtpd is not installed"
    [ -n "${TLS_CA:-}" ] || server_cert
    MAILDIR=$WORK/maildir.$RANDOM
    mkdir -p "$MAILDIR"
    rm -f "$WORK/port"
    "$PY" "$TESTS_DIR/notify/smtp_server.py" --port-file "$WORK/port" --maildir "$MAILDIR" \
        --cert "$WORK/tls/server.pem" --key "$WORK/tls/server.key" --lifetime 90 "$@" \
        >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 100); do
        [ -s "$WORK/port" ] && break
        kill -0 "$SERVER_PID" 2>/dev/null || fail "SMTP server died: $(cat "$WORK/server.log")"
        sleep 0.1
    done
    [ -s "$WORK/port" ] || fail "SMTP server did not start"
    PORT=$(cat "$WORK/port")
}
stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

# Messages that arrived for ADDR (envelope), one path per line.
arrived_for() {
    local f
    for f in "$MAILDIR"/*.json; do
        [ -e "$f" ] || continue
        if "$PY" -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))["rcpt_tos"] == [sys.argv[2]] else 1)' "$f" "$1"; then
            echo "${f%.json}.eml"
        fi
    done
}
arrived_count() { find "$MAILDIR" -name '*.eml' | grep -c . || true; }

# header FILE NAME: the (unfolded, undecoded) value of the first NAME header.
header() {
    "$PY" -c 'import sys,email,email.policy
m=email.message_from_binary_file(open(sys.argv[1],"rb"),policy=email.policy.compat32)
v=m.get(sys.argv[2]); print("" if v is None else " ".join(str(v).split()))' "$1" "$2"
}
# decoded_subject FILE: the Subject with RFC 2047 words decoded.
decoded_subject() {
    "$PY" -c 'import sys,email,email.policy
m=email.message_from_binary_file(open(sys.argv[1],"rb"),policy=email.policy.default)
print(m["subject"])' "$1"
}
