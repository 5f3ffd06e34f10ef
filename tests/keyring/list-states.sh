#!/usr/bin/env bash
# list: every state word of SPEC, computed from the keyring's certificates,
# CRLs and trust anchors, in text ("state: a, b") and --json ("state" the
# first word, "states" all of them), one certificate of each kind.
source "$TESTS_DIR/lib/common.sh"
cd "$WORK"
ossl() { openssl "$@" 2>/dev/null; }

source "$TESTS_DIR/lib/openssl-ca.sh"
ca_extensions ext.cnf

# The trusted root, valid 2019-2099 so that the dates of every certificate
# below fall inside its own.
ca_db root
ossl req -new -newkey rsa:2048 -nodes -keyout root.key -subj "/CN=States Root" -out root.csr
ossl ca -batch -config root.cnf -selfsign -keyfile root.key -in root.csr -out root.pem -notext \
    -startdate 20190101000000Z -enddate 20991231000000Z -extfile ext.cnf -extensions ca

# issue CA NAME [openssl ca dates...]: NAME@example.org, signed by CA.
issue() {
    local ca=$1 name=$2
    shift 2
    EMAIL=$name@example.org ossl req -new -newkey rsa:2048 -nodes -keyout "$name.key" -subj "/CN=$name" -out "$name.csr"
    EMAIL=$name@example.org ossl ca -batch -config "$ca.cnf" -in "$name.csr" -out "$name.pem" -notext \
        -extfile ext.cnf -extensions user "$@"
    [ -s "$name.pem" ] || fail "openssl ca did not issue $name"
}
issue root valid -days 365
issue root expired -startdate 20200101000000Z -enddate 20200102000000Z
issue root future -startdate 20900101000000Z -enddate 20910101000000Z
issue root revoked -days 365
issue root oldrevoked -startdate 20200101000000Z -enddate 20200102000000Z
ossl ca -config root.cnf -revoke revoked.pem
ossl ca -config root.cnf -revoke oldrevoked.pem
ossl ca -batch -config root.cnf -gencrl -out root.crl
# A CA that is in the keyring but no trust anchor, made today: its
# certificates are untrusted, an expired one of them expired too.
ca_db other
ossl req -x509 -new -newkey rsa:2048 -nodes -keyout other.key -subj "/CN=Other CA" -days 3650 \
    -config ext.cnf -extensions ca -out other.pem
issue other stranger -days 365
issue other oldstranger -startdate 20200101000000Z -enddate 20200102000000Z
EMAIL=self@example.org ossl req -x509 -new -newkey rsa:2048 -nodes -keyout self.key -subj "/CN=self" -days 365 \
    -config ext.cnf -extensions user -out self.pem

expect_exit 0 "$SMIME" import-cert --trust root.pem
expect_exit 0 "$SMIME" import-cert other.pem valid.pem expired.pem future.pem revoked.pem oldrevoked.pem \
    stranger.pem oldstranger.pem self.pem
expect_exit 0 "$SMIME" import-crl root.crl

# The words each certificate must carry, by its CN, in SPEC order.
cat >want <<'WANT'
States Root=valid
Other CA=self-signed untrusted
valid=valid
expired=expired
future=not-yet-valid
revoked=revoked
oldrevoked=expired revoked
stranger=untrusted
oldstranger=expired untrusted
self=self-signed untrusted
WANT

# Text: one "state:" line per block, words comma-separated.
expect_exit 0 "$SMIME" list
awk '/^ *name: /{sub(/^ *name: /, ""); name=$0} /^ *state: /{sub(/^ *state: /, ""); gsub(/, /, " "); print name "=" $0}' \
    out | sort >got.text
sort want | diff - got.text >&2 || fail "text states differ (want, got above)"

# JSON: "states" all words, "state" the first of them.
expect_exit 0 "$SMIME" --json list
/usr/bin/python3 - out want <<'PY' || fail "JSON states"
import json, sys
rows = json.load(open(sys.argv[1]))
want = dict(line.rstrip("\n").split("=", 1) for line in open(sys.argv[2]))
assert sorted(r["name"] for r in rows) == sorted(want), [r["name"] for r in rows]
for r in rows:
    words = want[r["name"]].split()
    assert r["states"] == words, (r["name"], r["states"], words)
    assert r["state"] == words[0], (r["name"], r["state"])
PY

# A query lists the same words as the whole listing.
expect_exit 0 "$SMIME" list oldstranger@example.org
expect_grep "^ +state: expired, untrusted$" out
# Trusting the other CA makes its certificates trusted: only the dates remain.
expect_exit 0 "$SMIME" trust "$(openssl x509 -in other.pem -noout -fingerprint -sha256 | cut -d= -f2)"
expect_exit 0 "$SMIME" list Other
expect_grep "^ +state: valid$" out
expect_exit 0 "$SMIME" list stranger@example.org
expect_grep "^ +state: valid$" out
echo "list-states: ok"
