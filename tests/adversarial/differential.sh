#!/usr/bin/env bash
# Parser differentials: every path that classifies a message must see the
# same structure. For each tricky variant of a signed message (duplicate
# Content-Type, repeated boundary= / protocol= / smime-type=, folded and
# 8-bit header lines, LF and CRLF, message/rfc822 around it, a signed part
# of a multipart), verify reads
# it alone, and decrypt reads it again after encrypt: decrypt checks a
# signature inside exactly when verify alone finds one (status other than
# none), and then reports the same verdict. Before one reader decided
# these, decrypt took the last of a repeated parameter and accepted 8-bit
# field names where verify took the first and did not.
source "$TESTS_DIR/adversarial/common.sh"

printf 'From: Alice <alice@example.org>\nTo: Bob <bob@example.org>\nSubject: numbers\nMIME-Version: 1.0\n' >"$WORK/head.txt"
{ cat "$WORK/head.txt"; printf 'Content-Type: text/plain\n\npay 10 EUR to Alice\n'; } >"$WORK/plain.eml"
"$SMIME" sign "$WORK/plain.eml" >"$WORK/detached.eml" 2>/dev/null || fail "sign"
"$SMIME" sign --opaque "$WORK/plain.eml" >"$WORK/opaque.eml" 2>/dev/null || fail "sign --opaque"

# variant NAME SOURCE PYTHON-EXPRESSION: $WORK/v-NAME.eml is SOURCE with its
# top header section rewritten; h is the header section (bytes, no blank
# line), b the body, eol the line end.
variant() {
    "$PY" - "$WORK/$2.eml" "$WORK/v-$1.eml" "$3" <<'PY' || fail "variant $1"
import re, sys
data = open(sys.argv[1], 'rb').read()
eol = b'\r\n' if b'\r\n' in data.split(b'\n', 1)[0] + b'\n' else b'\n'
h, b = data.split(eol + eol, 1)
ct = re.search(rb'(?ms)^Content-Type:.*?(?=' + re.escape(eol) + rb'(?![ \t])|\Z)', h).group(0)
out = eval(sys.argv[3])
open(sys.argv[2], 'wb').write(out)
PY
}
variant as-is detached 'h + eol + eol + b'
variant ct-twice-real-first detached 'h + eol + b"Content-Type: text/plain" + eol + eol + b'
variant ct-twice-plain-first detached 'h.replace(ct, b"Content-Type: text/plain" + eol + ct) + eol + eol + b'
variant protocol-twice-real-first detached 'h.replace(ct, ct + b"; protocol=\"application/x-other\"") + eol + eol + b'
variant protocol-twice-other-first detached 'h.replace(ct, ct.replace(b"protocol=", b"protocol=\"application/x-other\"; protocol=")) + eol + eol + b'
variant boundary-twice-real-first detached 'h.replace(ct, ct + b"; boundary=\"not-there\"") + eol + eol + b'
variant boundary-twice-other-first detached 'h.replace(ct, ct.replace(b"boundary=", b"boundary=\"not-there\"; boundary=")) + eol + eol + b'
variant folded detached 'h.replace(ct, ct.replace(b"; ", b";" + eol + b"\t")) + eol + eol + b'
variant eight-bit-name detached 'h.replace(ct, b"X-Gr\xc3\xbc\xc3\x9f: 1" + eol + ct) + eol + eol + b'
variant eight-bit-value detached 'h.replace(ct, b"X-Note: gr\xc3\xbc\xc3\x9f" + eol + ct) + eol + eol + b'
variant crlf detached '(h + eol + eol + b).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")'
variant lf detached '(h + eol + eol + b).replace(b"\r\n", b"\n")'
variant rfc822 detached 'b"From: Carol <carol@example.org>" + eol + b"To: Bob <bob@example.org>" + eol + b"Content-Type: message/rfc822" + eol + eol + h + eol + eol + b'
variant partial detached 'b"From: Alice <alice@example.org>" + eol + b"To: Bob <bob@example.org>" + eol + b"MIME-Version: 1.0" + eol + b"Content-Type: multipart/mixed; boundary=outer" + eol + eol + b"--outer" + eol + b"Content-Type: text/plain" + eol + eol + b"unsigned words" + eol + b"--outer" + eol + ct + eol + eol + b + eol + b"--outer--" + eol'
variant opaque-as-is opaque 'h + eol + eol + b'
variant smime-type-signed-first opaque 'h.replace(ct, ct.replace(b"smime-type=signed-data", b"smime-type=signed-data; smime-type=enveloped-data")) + eol + eol + b'
variant smime-type-enveloped-first opaque 'h.replace(ct, ct.replace(b"smime-type=signed-data", b"smime-type=enveloped-data; smime-type=signed-data")) + eol + eol + b'

# verdict FILE OP: the status line of OP (status and reason) in FILE, or "absent"
verdict() {
    "$PY" - "$1" "$2" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    s = json.loads(line)
    if s.get('op') == sys.argv[2]:
        print(s['status'], s.get('reason', ''))
        break
else:
    print('absent')
PY
}

signed_seen=0
for f in "$WORK"/v-*.eml; do
    name=$(basename "$f" .eml)
    run_op verify "$f"
    alone=$(verdict "$WORK/status" verify)
    [ "$alone" != absent ] || fail "$name: verify wrote no verify status line"
    "$SMIME" encrypt --to bob@example.org "$f" >"$WORK/enc.eml" 2>"$WORK/err" || { cat "$WORK/err" >&2; fail "$name: encrypt"; }
    run_op decrypt "$WORK/enc.eml"
    [ "$(verdict "$WORK/status" decrypt)" = "ok " ] || { cat "$WORK/status" >&2; fail "$name: decrypt not ok"; }
    inside=$(verdict "$WORK/status" verify)
    case $alone in
    none*) [ "$inside" = absent ] || fail "$name: verify alone sees no signature, decrypt checks one ($inside)" ;;
    *) [ "$inside" = "$alone" ] || fail "$name: verify alone says '$alone', decrypt then verify says '$inside'"
       signed_seen=$((signed_seen + 1)) ;;
    esac
    echo "$name: verify alone '$alone', after decrypt '$inside'"
done
# The variants that keep the signature intact must verify (the test is not
# vacuous): as-is, the first-counts ones, folding, line ends, opaque.
for name in as-is ct-twice-real-first protocol-twice-real-first boundary-twice-real-first folded crlf lf \
    eight-bit-value opaque-as-is smime-type-signed-first; do
    expect_verify "$WORK/v-$name.eml" ok
done
[ "$signed_seen" -ge 10 ] || fail "only $signed_seen variants were seen as signed"
finish
