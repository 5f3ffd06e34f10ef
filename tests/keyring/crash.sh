#!/usr/bin/env bash
# Imports killed with SIGKILL at random moments (20 rounds): check stays
# clean and every certificate whose import reported success is there.
source "$TESTS_DIR/lib/common.sh"
make_pki
"$SMIME" import-cert --trust "$PKI/ca.pem" "$PKI/sub.pem" 2>/dev/null
"$TESTS_DIR/lib/gen-many.sh" "$PKI" 200 "$WORK/many" >/dev/null
: >"$WORK/done"
for round in $(seq 1 20); do
    (
        for i in $(seq 0 9); do
            n=$(( (round - 1) * 10 + i ))
            # a bundle of 1 plus a shared one, so commits have many files
            "$SMIME" import-cert "$WORK/many/u$n.pem" 2>/dev/null && echo "$n" >>"$WORK/done"
        done
    ) &
    loop=$!
    sleep "0.$((RANDOM % 10))$((RANDOM % 10))"  # 0 to 1 s: some imports finish, some are cut
    pkill -KILL -P "$loop" smime 2>/dev/null || true
    kill -KILL "$loop" 2>/dev/null || true
    wait "$loop" 2>/dev/null || true
    expect_exit 0 "$SMIME" check
done
while read -r n; do
    expect_exit 0 "$SMIME" list "u$n@example.org"
    expect_grep "u$n@example.org" "$WORK/out"
done <"$WORK/done"
[ -s "$WORK/done" ] || fail "no import finished at all"
echo "ok ($(wc -l <"$WORK/done") imports survived)"
