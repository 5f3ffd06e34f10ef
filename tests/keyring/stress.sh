#!/usr/bin/env bash
# 4 writers (imports, deletes) and 4 readers (lookups, exports, encrypts)
# on one keyring for STRESS_SECONDS (default 60): no reader ever sees a
# half-written entry or an error, every encryption is either a complete
# message that openssl decrypts or a clean refusal, and check is clean at
# the end.
source "$TESTS_DIR/lib/common.sh"
make_pki
seconds=${STRESS_SECONDS:-60}
"$SMIME" import-cert --trust "$PKI/ca.pem" "$PKI/sub.pem" 2>/dev/null
"$TESTS_DIR/lib/gen-many.sh" "$PKI" 40 "$WORK/many" >/dev/null
for n in $(seq 0 39); do openssl x509 -in "$WORK/many/u$n.pem" -outform DER -out "$WORK/many/u$n.der"; done
printf 'From: stress@example.org\nSubject: stress\n\nthe payload\n' >"$WORK/msg.eml"
end=$((SECONDS + seconds))

writer() {  # imports and deletes its own 10 certificates, over and over
    local w=$1 n
    while [ $SECONDS -lt $end ]; do
        for n in $(seq $((w * 10)) $((w * 10 + 9))); do
            "$SMIME" import-cert "$WORK/many/u$n.pem" 2>/dev/null || echo "writer $w: import $n failed" >>"$WORK/errors"
        done
        for n in $(seq $((w * 10)) $((w * 10 + 9)) | shuf -n 5); do
            "$SMIME" delete --yes "u$n@example.org" 2>/dev/null || echo "writer $w: delete $n failed" >>"$WORK/errors"
        done
    done
}

reader() {  # an address is either absent (exit 1) or exported whole
    local r=$1 n rc
    while [ $SECONDS -lt $end ]; do
        n=$((RANDOM % 40))
        rc=0
        "$SMIME" export --der "u$n@example.org" >"$WORK/r$r.der" 2>"$WORK/r$r.err" || rc=$?
        if [ $rc = 0 ]; then
            cmp -s "$WORK/r$r.der" "$WORK/many/u$n.der" || echo "reader $r: u$n exported wrong bytes" >>"$WORK/errors"
        elif [ $rc != 1 ]; then
            echo "reader $r: export u$n exit $rc: $(cat "$WORK/r$r.err")" >>"$WORK/errors"
        fi
        "$SMIME" list "u$n@example.org" >/dev/null 2>"$WORK/r$r.err" || echo "reader $r: list exit $?" >>"$WORK/errors"
        # encrypt to an address being imported and deleted: whole or refused
        rc=0
        "$SMIME" encrypt --to "u$n@example.org" "$WORK/msg.eml" >"$WORK/r$r.eml" 2>"$WORK/r$r.err" || rc=$?
        if [ $rc = 0 ]; then
            openssl cms -decrypt -recip "$WORK/many/u$n.pem" -inkey "$WORK/many/key.pem" -in "$WORK/r$r.eml" 2>/dev/null |
                grep -q 'the payload' || echo "reader $r: encryption to u$n does not decrypt" >>"$WORK/errors"
        elif [ $rc != 1 ] || [ -s "$WORK/r$r.eml" ]; then
            echo "reader $r: encrypt to u$n exit $rc, $(stat -c %s "$WORK/r$r.eml") bytes: $(cat "$WORK/r$r.err")" >>"$WORK/errors"
        fi
    done
}

for i in 0 1 2 3; do writer $i & reader $i & done
wait
[ ! -s "$WORK/errors" ] || { sort "$WORK/errors" | uniq -c | head -20; fail "concurrent use went wrong"; }
expect_exit 0 "$SMIME" check
echo ok
