#!/usr/bin/env bash
# 8 processes import 50 distinct certificates each into one keyring at the
# same time: all 400 listed, each findable by its address, check clean.
# (The sanitizer pass of scripts/test-all sets CONCURRENCY_PER_PROCESS lower:
# each process starts ten times slower there.)
source "$TESTS_DIR/lib/common.sh"
make_pki
per=${CONCURRENCY_PER_PROCESS:-50}
total=$((8 * per))
"$SMIME" import-cert --trust "$PKI/ca.pem" "$PKI/sub.pem" 2>/dev/null
"$TESTS_DIR/lib/gen-many.sh" "$PKI" "$total" "$WORK/many" >/dev/null
for p in $(seq 0 7); do
    (
        for i in $(seq 0 $((per - 1))); do
            n=$((p * per + i))
            "$SMIME" import-cert "$WORK/many/u$n.pem" 2>/dev/null || echo "import $n failed" >>"$WORK/failures"
        done
    ) &
done
wait
[ ! -s "$WORK/failures" ] || { cat "$WORK/failures"; fail "imports failed"; }
expect_exit 0 "$SMIME" --json list
count=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/out")
[ "$count" = $((total + 2)) ] || fail "expected $((total + 2)) certificates, listed $count"
for n in 0 $((total / 3)) $((total / 2)) $((total - 1)); do
    expect_exit 0 "$SMIME" list "u$n@example.org"
    expect_grep "u$n@example.org" "$WORK/out"
done
expect_exit 0 "$SMIME" check
echo ok
