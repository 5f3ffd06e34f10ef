#!/usr/bin/env bash
# The public API as an embedder sees it: libsmime.so installed (meson
# install into a staging directory), SONAME'd, exporting only the smime::
# API of include/smime (counted with nm -D), found by `pkg-config libsmime`;
# a program built against it alone signs and verifies a message.
source "$TESTS_DIR/lib/common.sh"
: "${BUILD_DIR:?BUILD_DIR must point at the meson build directory}"
make_pki
stage=$WORK/stage
meson install -C "$BUILD_DIR" --no-rebuild --quiet --destdir "$stage" >"$WORK/install.log" 2>&1 ||
    { cat "$WORK/install.log" >&2; fail "meson install"; }
pc=$(find "$stage" -name libsmime.pc | head -1)
[ -n "$pc" ] || fail "no libsmime.pc installed"
export PKG_CONFIG_PATH=${pc%/*} PKG_CONFIG_SYSROOT_DIR=$stage
lib=$(find "$stage" -name 'libsmime.so.*.*' | head -1)
[ -n "$lib" ] || fail "no libsmime.so installed"

# SONAME, and nothing but the API exported.
# (no grep -q at the end of a pipe: under pipefail its early exit would fail the writer)
soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
[ "$soname" = libsmime.so.0 ] || fail "SONAME is '$soname', not libsmime.so.0"
nm -DC --defined-only "$lib" | sed 's/^[0-9a-f]* [A-Za-z] //; s/@@LIBSMIME_0$//' >"$WORK/exports"
# Counted without the std templates instantiated on smime types (their
# demangled names begin with the smime type they return, so the version
# script's smime::* takes them): a few when optimised, hundreds in a debug
# build that inlines nothing.
count=$(grep -cv ' std::' "$WORK/exports")
echo "libsmime.so exports $count API symbols ($(wc -l <"$WORK/exports") in all)"
# The sanitizer build is -O0: the inline members of exported classes
# (implicit constructors and the like) are emitted out of line there and
# exported with their class; an optimised build inlines them.
max=120
[ "${SMIME_SANITIZER_BUILD:-0}" != 1 ] || max=200
[ "$count" -ge 40 ] && [ "$count" -le "$max" ] || { cat "$WORK/exports" >&2; fail "$count exported symbols"; }
# The layers under the API (their namespaces) and the libraries used inside
# stay hidden; the std templates instantiated on their types (named by the
# type they return, see above) are not theirs.
if grep -v ' std::' "$WORK/exports" | grep -E '^(smime::(mime|cms|x509|pki|signature|util|gtls|gmime|notify|cli|keyring|ops|core|tasn1|curl)::|boost::|nlohmann::)' >&2; then
    fail "internal symbols exported"
fi
grep -vE '^(LIBSMIME_0|smime::|typeinfo for smime::|typeinfo name for smime::|vtable for smime::)' "$WORK/exports" >&2 &&
    fail "symbols outside the smime API exported"
for api in 'smime::sign_message(' 'smime::verify_message(' 'smime::open_dir_keyring(' 'typeinfo for smime::Error'; do
    grep -qF "$api" "$WORK/exports" || fail "$api not exported"
done

# An embedder's program: public headers and pkg-config only.
cxx=${CXX:-g++}
sanitize=()  # a library built with the sanitizers needs their runtime in the program
[ "${SMIME_SANITIZER_BUILD:-0}" != 1 ] || sanitize=(-fsanitize=address,undefined)
# shellcheck disable=SC2046
"$cxx" -std=c++20 "${sanitize[@]}" -o "$WORK/embed" "$TESTS_DIR/api/embed_sign_verify.cpp" $(pkg-config --cflags --libs libsmime) \
    2>"$WORK/cxx.err" || { cat "$WORK/cxx.err" >&2; fail "building against pkg-config libsmime"; }
LD_LIBRARY_PATH=${lib%/*} ldd "$WORK/embed" >"$WORK/ldd"
grep -qF "libsmime.so.0 => ${lib%/*}/" "$WORK/ldd" || fail "embed does not use the installed libsmime.so.0"
cat "$PKI/alice.pem" "$PKI/sub.pem" >"$WORK/alice-chain.pem"
expect_exit 0 env LD_LIBRARY_PATH="${lib%/*}" "$WORK/embed" "$WORK/home" "$PKI/ca.pem" "$WORK/alice-chain.pem" "$PKI/alice.key"
expect_grep '"op":"verify","status":"ok","signer":"alice@example.org"' "$WORK/out"
echo "embed: ok"
