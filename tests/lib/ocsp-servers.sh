# Local network servers for revocation tests (sourced after common.sh):
# free ports, `openssl ocsp` responders, a black hole that accepts
# connections and never answers, and an HTTP server replaying one fixed OCSP
# answer. Each server is known by a NAME: it logs to $WORK/NAME.log, runs in
# the background and is stopped by PID (server_stop NAME, and at exit by the
# EXIT trap, which still removes $WORK as common.sh's does). Each also stops
# itself after $SERVER_LIFETIME seconds, should the test be killed outright.
PY=/usr/bin/python3
SERVER_LIFETIME=${SERVER_LIFETIME:-300}
declare -A SERVER_PID=()

# free_ports N: N distinct TCP ports on 127.0.0.1 that were free just now,
# one per line (all bound at once, so no two are the same).
free_ports() {
    "$PY" - "$1" <<'PY'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
for s in socks:
    print(s.getsockname()[1])
PY
}

# server_started NAME PID CHECK...: records NAME's PID, then waits (10 s at
# most) until CHECK succeeds; fails if the server died or never got ready.
server_started() {
    local name=$1 pid=$2
    shift 2
    SERVER_PID[$name]=$pid
    for _ in $(seq 100); do
        "$@" && return 0
        kill -0 "$pid" 2>/dev/null || fail "server $name died: $(cat "$WORK/$name.log")"
        sleep 0.1
    done
    fail "server $name not ready after 10 s: $(cat "$WORK/$name.log")"
}

# server_stop NAME: stops server NAME and waits for it to be gone.
server_stop() {
    local pid=${SERVER_PID[$1]:-}
    [ -n "$pid" ] || return 0
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    unset "SERVER_PID[$1]"
}
servers_stop_all() {
    local name
    for name in "${!SERVER_PID[@]}"; do server_stop "$name"; done
}

# Chain onto the EXIT trap already set (common.sh's removes $WORK): servers
# first, then whatever was there. `trap -p` quotes the old command; passing
# its words through a function gets it back unquoted.
_ocsp_trap_command() { _ocsp_old_trap=${2:-}; }
_ocsp_old_trap=
eval "_ocsp_trap_command $(trap -p EXIT | sed 's/^trap //')"
# shellcheck disable=SC2064 # the old command is meant to be expanded now
trap "servers_stop_all; $_ocsp_old_trap" EXIT

# ocsp_start NAME PORT INDEX CA RSIGNER RKEY [openssl ocsp options...]: an
# `openssl ocsp` responder on PORT (all addresses: it takes no host)
# answering for the certificates of CA (its `openssl ca` index INDEX),
# signing with RSIGNER/RKEY, answers valid 10 minutes (-nmin 10, unless the
# options say otherwise). -text logs every request; stdbuf keeps the log
# line-buffered, so it can be counted while the responder runs (OpenSSL 3.0
# flushes after each request anyway). It is ready once it says it is
# waiting for connections; it is never probed with a bare connection:
# OpenSSL 3.0's responder spins on one that closes without a request, and
# answers nobody after it.
ocsp_start() {
    local name=$1 port=$2 index=$3 ca=$4 rsigner=$5 rkey=$6
    shift 6
    local nmin=(-nmin 10)
    case " $* " in *" -nmin "* | *" -ndays "*) nmin=() ;; esac
    stdbuf -oL -eL timeout "$SERVER_LIFETIME" openssl ocsp -port "$port" -index "$index" -CA "$ca" \
        -rsigner "$rsigner" -rkey "$rkey" -text -ignore_err "${nmin[@]}" "$@" >"$WORK/$name.log" 2>&1 &
    server_started "$name" $! grep -q 'waiting for OCSP client connections' "$WORK/$name.log"
}

# ocsp_count NAME: how many OCSP requests responder NAME has read (with
# -text it prints each request's "OCSP Request Data:").
ocsp_count() { grep -c '^OCSP Request Data:' "$WORK/$1.log" || true; }

# blackhole_start NAME PORT: accepts every connection on 127.0.0.1:PORT,
# never reads nor answers, and holds it open; logs "accepted" per connection.
blackhole_start() {
    local name=$1 port=$2
    "$PY" -c '
import signal, socket, sys
port, life = int(sys.argv[1]), int(sys.argv[2])
signal.alarm(life)
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", port))
s.listen(64)
print("listening", port, flush=True)
held = []
while True:
    c, peer = s.accept()
    held.append(c)
    print("accepted", peer[1], flush=True)
' "$port" "$SERVER_LIFETIME" >"$WORK/$name.log" 2>&1 &
    server_started "$name" $! grep -q '^listening' "$WORK/$name.log"
}

# blackhole_count NAME: connections the black hole NAME has accepted.
blackhole_count() { grep -c '^accepted' "$WORK/$1.log" || true; }

# fixed_start NAME PORT FILE: HTTP on 127.0.0.1:PORT answering every POST
# (and GET) with the bytes of FILE as application/ocsp-response. Logs one
# line per request, "METHOD PATH CONTENT-TYPE LENGTH", and keeps each request
# body as $WORK/NAME.req.N.der (N from 1).
fixed_start() {
    local name=$1 port=$2 file=$3
    "$PY" -c '
import http.server, signal, sys
port, answer, prefix, life = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
signal.alarm(life)
body = open(answer, "rb").read()
count = 0
class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self, request):
        global count
        count += 1
        with open("%s.req.%d.der" % (prefix, count), "wb") as f:
            f.write(request)
        print(self.command, self.path, self.headers.get("Content-Type"), len(request), flush=True)
        self.send_response(200)
        self.send_header("Content-Type", "application/ocsp-response")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_POST(self):
        self.answer(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
    def do_GET(self):
        self.answer(b"")
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", port), Handler)
print("listening", port, flush=True)
server.serve_forever()
' "$port" "$file" "$WORK/$name" "$SERVER_LIFETIME" >"$WORK/$name.log" 2>&1 &
    server_started "$name" $! grep -q '^listening' "$WORK/$name.log"
}

# fixed_count NAME: requests the fixed-answer server NAME has answered.
fixed_count() { grep -Ec '^(POST|GET) ' "$WORK/$1.log" || true; }

# files_start NAME PORT DIR: a plain HTTP file server (python3 -m
# http.server) on 127.0.0.1:PORT serving the files of DIR (GET; 404 for a
# file that is not there). Its log ($WORK/NAME.log, started afresh) has one
# line per request, e.g. `... "GET /sub.crl HTTP/1.1" 200 -`; -u keeps it
# unbuffered, so it is ready once it says "Serving HTTP on".
files_start() {
    local name=$1 port=$2 dir=$3
    timeout "$SERVER_LIFETIME" "$PY" -u -m http.server --bind 127.0.0.1 --directory "$dir" "$port" \
        >"$WORK/$name.log" 2>&1 &
    server_started "$name" $! grep -q '^Serving HTTP on' "$WORK/$name.log"
}

# files_count NAME [PATH]: GET requests the file server NAME has logged since
# it was started, whatever it answered (only those for PATH, e.g. /sub.crl,
# when given).
files_count() {
    if [ $# -ge 2 ]; then
        grep -cF "\"GET $2 HTTP/" "$WORK/$1.log" || true
    else
        grep -c '"GET ' "$WORK/$1.log" || true
    fi
}
