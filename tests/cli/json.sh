#!/usr/bin/env bash
# --json means JSON: every command's report parses (strict UTF-8), also when
# certificates, file names and headers hold quotes, backslashes, control
# characters, NUL and bytes that are not UTF-8 (written as U+FFFD). Status
# lines on --status-fd likewise.
source "$TESTS_DIR/lib/common.sh"
make_pki
J=$TESTS_DIR/cli/json_lines.py
py() { /usr/bin/python3 "$@"; }
is_json() { py "$J" "$1" || fail "not JSON: $2"; }

expect_exit 0 "$SMIME" --json import-cert --trust "$PKI/ca.pem"
is_json "$WORK/out" "import-cert"
expect_exit 0 "$SMIME" import-cert "$PKI/sub.pem" "$PKI/alice.pem" "$PKI/bob.pem" --json
is_json "$WORK/out" "import-cert, three"
py -c 'import json,sys; l=[json.loads(x) for x in open(sys.argv[1])]; assert [x["emails"] for x in l]==[[],["alice@example.org"],["bob@example.org"]], l' "$WORK/out" \
    || fail "import-cert emails"
expect_no_grep '^smime: \{' "$WORK/err"   # no JSON behind a prefix on stderr

# A certificate whose names hold quotes, a backslash, control characters
# and UTF-8, and one with a T61String (Latin-1 byte) name.
cn=$(printf 'caf\xc3\xa9 "q" \\ back\x01\x7f tab\t')
openssl req -utf8 -x509 -newkey rsa:2048 -nodes -keyout "$WORK/odd.key" -out "$WORK/odd.pem" -days 30 \
    -subj "/CN=$cn/O=x" -addext "subjectAltName=email:odd@example.org" 2>/dev/null
printf '[req]\ndistinguished_name=dn\nstring_mask=nombstr\n[dn]\n' >"$WORK/t61.cnf"
openssl req -config "$WORK/t61.cnf" -x509 -newkey rsa:2048 -nodes -keyout "$WORK/t61.key" -out "$WORK/t61.pem" \
    -days 30 -subj "/CN=$(printf 'caf\xe9 "q"\x01')/O=x" -addext "subjectAltName=email:t61@example.org" 2>/dev/null

# File names with a Latin-1 byte, quotes, a newline and a control character.
odd_name=$WORK/$(printf 'caf\xe9 "x"\n\x02.pem')
cp "$WORK/odd.pem" "$odd_name"
expect_exit 0 "$SMIME" --json import-cert "$odd_name" "$WORK/t61.pem"
is_json "$WORK/out" "import-cert of odd names"
py - "$WORK/out" <<'PY' || fail "odd names in JSON"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert lines[0]["file"].endswith('caf\ufffd "x"\n\x02.pem'), lines[0]["file"]
assert 'caf\u00e9 \\"q\\"' in lines[0]["subject"], lines[0]["subject"]
PY
expect_exit 2 "$SMIME" --json import-cert "$WORK/$(printf 'missing\xff"\x01')"
is_json "$WORK/out" "import-cert of a missing odd name"
expect_grep '"status":"error"' "$WORK/out"
expect_exit 0 "$SMIME" --json import-key "$PKI/alice.key" "$WORK/odd.key"
is_json "$WORK/out" "import-key"
expect_exit 0 "$SMIME" --json import-crl "$PKI/crl.pem"
is_json "$WORK/out" "import-crl"
expect_exit 2 "$SMIME" --json import-crl "$odd_name"
is_json "$WORK/out" "import-crl refusal"

for cmd in "list" "list odd" "list --secret" "export odd@example.org" "trust odd@example.org" \
           "trust --remove odd@example.org" "check"; do
    # shellcheck disable=SC2086
    expect_exit 0 "$SMIME" --json $cmd
    is_json "$WORK/out" "$cmd"
    [ "$cmd" = check ] || expect_grep 'odd@example.org|"count"|"trust_anchor"' "$WORK/out"
done
expect_exit 0 "$SMIME" --json export odd@example.org
py -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["pem"].startswith("-----BEGIN CERTIFICATE-----")' "$WORK/out" \
    || fail "export --json carries the PEM"

# Messages whose headers hold 8-bit bytes, NUL, control characters and quotes:
# the status on stderr (--json) and on --status-fd parse.
printf 'From: "Andr\xe9 \\"x\\"" <alice@example.org>\nTo: bob@example.org\nSubject: caf\xe9 \x01\x00 "q"\n\nhello\n' \
    >"$WORK/odd.eml"
expect_exit 0 "$SMIME" sign --json --status-fd 3 -o "$WORK/signed.eml" "$WORK/odd.eml" 3>"$WORK/fd3"
is_json "$WORK/err" "sign: stderr"
is_json "$WORK/fd3" "sign: status-fd"
printf 'From: caf\xe9\x01"@example.org\nTo: bob@example.org\n\nhello\n' >"$WORK/bad-from.eml"
expect_exit 3 "$SMIME" --json sign "$WORK/bad-from.eml"
is_json "$WORK/err" "sign without a key for an 8-bit From"
"$SMIME" verify --json --status-fd 3 "$WORK/signed.eml" >/dev/null 2>"$WORK/err" 3>"$WORK/fd3" || true
is_json "$WORK/err" "verify: stderr"
is_json "$WORK/fd3" "verify: status-fd"
# A From that the certificate does not carry, spelt with 8-bit bytes: the reason quotes it.
sed 's/^From: .*/From: "M\xfcller" <m\xfc@example.org>/' "$WORK/signed.eml" >"$WORK/forged-from.eml"
expect_exit 1 "$SMIME" verify --json --status-fd 3 "$WORK/forged-from.eml" 3>"$WORK/fd3"
is_json "$WORK/err" "verify of an 8-bit From: stderr"
is_json "$WORK/fd3" "verify of an 8-bit From: status-fd"
expect_grep '"status":"failed"' "$WORK/fd3"

expect_exit 0 "$SMIME" encrypt --json --to bob@example.org -o "$WORK/enc.eml" "$WORK/odd.eml"
is_json "$WORK/err" "encrypt"
"$SMIME" import-key "$PKI/bob.key" 2>/dev/null
expect_exit 0 "$SMIME" decrypt --json --status-fd 3 "$WORK/enc.eml" 3>"$WORK/fd3"
is_json "$WORK/err" "decrypt: stderr"
is_json "$WORK/fd3" "decrypt: status-fd"
expect_exit 3 "$SMIME" decrypt --json "$WORK/odd.eml"
is_json "$WORK/err" "decrypt of a plain message"

mkdir "$WORK/sent"
echo "hello" >"$WORK/body.txt"
expect_exit 2 "$SMIME" --json send-notification --to bob@example.org --subject "$(printf 'caf\xe9 "q"\x01')" \
    --text "$WORK/body.txt" --from alice@example.org --output-dir "$WORK/sent"
is_json "$WORK/out" "send-notification refusing a Latin-1 subject"
expect_exit 0 "$SMIME" --json send-notification --to bob@example.org --subject "$(printf 'caf\xc3\xa9 "q"\x01')" \
    --text "$WORK/body.txt" --from alice@example.org --output-dir "$WORK/sent"
is_json "$WORK/out" "send-notification"
expect_exit 2 "$SMIME" --json send-notification --to "$(printf 'nobody\xe9"@example.org')" --subject s \
    --text "$WORK/body.txt" --from alice@example.org --output-dir "$WORK/sent"
is_json "$WORK/out" "send-notification to an 8-bit address"
expect_grep '"status":"error"' "$WORK/out"
expect_exit 1 "$SMIME" --json send-notification --to nobody@example.org --subject s \
    --text "$WORK/body.txt" --from alice@example.org --output-dir "$WORK/sent" --encryption required
is_json "$WORK/out" "send-notification not sent"
expect_grep '"status":"not-sent"' "$WORK/out"

# A fatal error still answers in JSON where the report would have been.
expect_exit 2 "$SMIME" --json --home /dev/null/nowhere import-cert "$PKI/alice.pem"
is_json "$WORK/out" "import-cert into an impossible home"
expect_exit 2 "$SMIME" --json --home /dev/null/nowhere verify "$WORK/signed.eml"
is_json "$WORK/err" "verify with an impossible home"
echo ok
