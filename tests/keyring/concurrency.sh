#!/usr/bin/env bash
# 8 processes import 50 distinct certificates each into one keyring at the
# same time: all 400 listed, each findable by its address, check clean.
source "$TESTS_DIR/lib/common.sh"
make_pki
"$SMIME" import-cert --trust "$PKI/ca.pem" "$PKI/sub.pem" 2>/dev/null
"$TESTS_DIR/lib/gen-many.sh" "$PKI" 400 "$WORK/many" >/dev/null
for p in $(seq 0 7); do
    (
        for i in $(seq 0 49); do
            n=$((p * 50 + i))
            "$SMIME" import-cert "$WORK/many/u$n.pem" 2>/dev/null || echo "import $n failed" >>"$WORK/failures"
        done
    ) &
done
wait
[ ! -s "$WORK/failures" ] || { cat "$WORK/failures"; fail "imports failed"; }
expect_exit 0 "$SMIME" --json list
count=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/out")
[ "$count" = 402 ] || fail "expected 402 certificates, listed $count"
for n in 0 57 199 200 311 399; do
    expect_exit 0 "$SMIME" list "u$n@example.org"
    expect_grep "u$n@example.org" "$WORK/out"
done
expect_exit 0 "$SMIME" check
echo ok
