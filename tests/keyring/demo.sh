#!/usr/bin/env bash
# The README's demo command runs to the end.
source "$TESTS_DIR/lib/common.sh"
"$TESTS_DIR/../scripts/demo" --no-build >"$WORK/demo.out" 2>&1 || { cat "$WORK/demo.out"; fail "demo failed"; }
expect_grep "demo finished" "$WORK/demo.out"
