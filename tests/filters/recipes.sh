#!/usr/bin/env bash
# The README's mail-filter recipes, extracted from README.md and run
# literally with the real procmail and maildrop (and the fetchmail mda
# line as fetchmail runs it: sh -c, message on stdin) over every exit path
# of smime verify/decrypt. The delivered mail must hold the original or its
# decrypted/unwrapped form, byte-compared, never empty or truncated. Then
# the outgoing sendmail wrapper: on every failure nothing is sent.
source "$TESTS_DIR/lib/common.sh"
PY=/usr/bin/python3
for program in procmail formail maildrop reformail openssl; do
    command -v "$program" >/dev/null || skip "$program missing (scripts/setup-deps installs it)"
done
README=$TESTS_DIR/../README.md
block() { "$PY" "$TESTS_DIR/filters/readme_blocks.py" "$README" "$1"; }
compare() { "$PY" "$TESTS_DIR/filters/compare.py" "$@"; }
make_pki

# `smime` on PATH as the recipes call it: the binary under test, or (KILL=1)
# the same binary killed by SIGKILL while the message is still coming in.
BIN=$WORK/bin
mkdir -p "$BIN"
cat > "$BIN/smime" <<SH
#!/usr/bin/env bash
if [ "\${KILL:-0}" = 1 ]; then
    { head -c 2000; sleep 3; } | "$SMIME" "\$@" &
    pid=\$!
    sleep 0.3; kill -9 \$pid; wait \$pid; rc=\$?
    echo "\$rc" > "$WORK/killed.rc"
    exit \$rc
fi
exec "$SMIME" "\$@"
SH
chmod +x "$BIN/smime"

# Keyrings: bob's key stored in the clear, and stored under a passphrase.
ring() {  # ring DIR KEYFILE [import-key args]
    local home=$1 key=$2; shift 2
    "$SMIME" --home "$home" import-cert --trust "$PKI/ca.pem" >/dev/null
    "$SMIME" --home "$home" import-cert "$PKI/sub.pem" "$PKI/alice.pem" "$PKI/bob.pem" "$PKI/carol.pem" >/dev/null
    "$SMIME" --home "$home" import-key "$@" "$key" >/dev/null
}
ring "$WORK/ring-plain" "$PKI/bob.key"
ring "$WORK/ring-pass" "$PKI/bob-enc.key" --passphrase-file "$PKI/pass.txt"
echo "not the passphrase" > "$WORK/wrong-pass.txt"
ring "$WORK/ring-alice" "$PKI/alice.key"
mkdir -p "$WORK/ring-broken"
cp -a "$WORK/ring-plain/." "$WORK/ring-broken/"
printf 'digest = sha256\n[smime]\n' > "$WORK/ring-broken/smime.conf"   # a line before the group
mkdir -p "$WORK/ring-small"
cp -a "$WORK/ring-plain/." "$WORK/ring-small/"
printf '[smime]\nmax-message-size = 64K\n' > "$WORK/ring-small/smime.conf"

# Messages.
M=$WORK/msg
mkdir -p "$M"
cat > "$M/plain.eml" <<'MSG'
From: Alice <alice@example.org>
To: Bob <bob@example.org>
Subject: quarterly numbers
Message-ID: <q1@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Dear Bob,

the numbers: 1 2 3.
From here on, a line that starts with From.
MSG
"$SMIME" --home "$WORK/ring-alice" sign "$M/plain.eml" > "$M/signed.eml"
sed 's/the numbers: 1 2 3/the numbers: 1 2 4/' "$M/signed.eml" > "$M/tampered.eml"
"$SMIME" --home "$WORK/ring-alice" encrypt --to bob@example.org "$M/plain.eml" > "$M/encrypted.eml"
"$SMIME" --home "$WORK/ring-alice" encrypt --to carol@example.org "$M/plain.eml" > "$M/for-carol.eml"
{ cat "$M/plain.eml"; head -c 150000 /dev/urandom | base64; } > "$M/big.eml"
# A local MTA hands mail to procmail and maildrop with LF line ends (formail
# does not know CRLF header sections): the messages arrive that way here.
for f in signed tampered encrypted for-carol; do
    tr -d '\r' < "$M/$f.eml" > "$M/$f.lf" && mv "$M/$f.lf" "$M/$f.eml"
done
# Garbage: text that is no message (no header section), and a message whose
# CMS is random bytes. (Raw binary with NUL bytes is no mail an MTA
# delivers; reformail itself mangles it.)
head -c 4500 /dev/urandom | base64 > "$M/garbage.eml"
{ sed -n '1,/^$/p' "$M/encrypted.eml"; head -c 3000 /dev/urandom | base64; } > "$M/broken-cms.eml"
# What a real peer takes out of them, for the byte comparisons (compare.py
# content: line ends aside, since the content travels canonical CRLF).
openssl cms -verify -CAfile "$PKI/ca.pem" -certfile "$PKI/sub.pem" -in "$M/signed.eml" -out "$M/signed.content" 2>/dev/null
openssl cms -decrypt -recip "$PKI/bob.pem" -inkey "$PKI/bob.key" -in "$M/encrypted.eml" -out "$M/encrypted.content"
[ -s "$M/signed.content" ] && [ -s "$M/encrypted.content" ] || fail "openssl could not read the test messages"

# Every case: NAME MESSAGE KEYRING PASSFILE(-: none) KILL EXPECT(original|contains|content:FILE)
cases=(
    "signed-ok        signed.eml     ring-plain  -                   0 content:signed.content"
    "signed-bad       tampered.eml   ring-plain  -                   0 original"
    "plain-none       plain.eml      ring-plain  -                   0 original"
    "decrypt-ok       encrypted.eml  ring-plain  -                   0 content:encrypted.content"
    "decrypt-failed   for-carol.eml  ring-plain  -                   0 contains"
    "no-passphrase    encrypted.eml  ring-pass   -                   0 original"
    "wrong-passphrase encrypted.eml  ring-pass   $WORK/wrong-pass.txt 0 original"
    "pass-ok          encrypted.eml  ring-pass   $PKI/pass.txt       0 content:encrypted.content"
    "broken-config    encrypted.eml  ring-broken -                   0 original"
    "broken-config-v  signed.eml     ring-broken -                   0 original"
    "missing-keyring  encrypted.eml  ring-none   -                   0 original"
    "oversized        big.eml        ring-small  -                   0 original"
    "garbage          garbage.eml    ring-plain  -                   0 contains"
    "broken-cms       broken-cms.eml ring-plain  -                   0 contains"
    "killed           encrypted.eml  ring-plain  -                   1 original"
)

# delivered DIR: the one mail delivered below DIR (fails unless exactly one).
delivered() {
    local files
    mapfile -t files < <(find "$1" -type f -path '*/new/*')
    [ "${#files[@]}" = 1 ] || fail "$2: ${#files[@]} mails delivered, want 1"
    echo "${files[0]}"
}

check_delivery() {  # check_delivery LABEL FILE MESSAGE EXPECT
    local label=$1 file=$2 message=$3 expect=$4
    case $expect in
    content:*) compare content "$file" "$M/$message" "$M/${expect#content:}" || fail "$label" ;;
    *) compare "$expect" "$file" "$M/$message" || fail "$label" ;;
    esac
}

run_env() {  # run_env KEYRING PASSFILE KILL CMD...: the environment a filter host gives smime
    local ring=$1 pass=$2 kill=$3; shift 3
    local -a env=(PATH="$BIN:/usr/bin:/bin" SMIME_HOME="$WORK/$ring" KILL="$kill")
    [ "$pass" = - ] || env+=(SMIME_PASSPHRASE_FILE="$pass")
    env -u SMIME_PASSPHRASE_FILE "${env[@]}" "$@"
}

# procmail clears the environment (and maildrop sets its own PATH): the
# settings a filter host would put in the rc file come first, then the
# README block as it is.
host_settings() {  # host_settings KEYRING PASSFILE QUOTE (and $kill of the case)
    local q=$3
    echo "KILL=$q$kill$q"
    echo "PATH=$q$BIN:/usr/bin:/bin$q"
    echo "SMIME_HOME=$q$WORK/$1$q"
    [ "$2" = - ] || echo "SMIME_PASSPHRASE_FILE=$q$2$q"
}

procmail_rc() {  # procmail_rc DIR KEYRING PASSFILE
    local dir=$1
    mkdir -p "$dir/mail/inbox"/{new,cur,tmp}
    {
        echo "SHELL=/bin/sh"
        host_settings "$2" "$3" ""
        echo "MAILDIR=$dir/mail"
        echo "DEFAULT=$dir/mail/inbox/"
        echo "LOGFILE=$dir/procmail.log"
        block procmail
    } > "$dir/.procmailrc"
}

maildrop_rc() {  # maildrop_rc DIR KEYRING PASSFILE
    local dir=$1
    mkdir -p "$dir/Maildir"/{new,cur,tmp} "$dir/Maildir/.undecryptable"/{new,cur,tmp} "$dir/Maildir/.suspicious"/{new,cur,tmp}
    {
        echo "HOME=\"$dir\""
        host_settings "$2" "$3" '"'
        echo "DEFAULT=\"$dir/Maildir\""
        block maildrop
    } > "$dir/.mailfilter"
    chmod 600 "$dir/.mailfilter"
}

fetchmail_mda=$(block fetchmailrc | sed -n 's/^mda "\(.*\)"$/\1/p')
[ -n "$fetchmail_mda" ] || fail "no mda line in the README's fetchmailrc block"

n=0
for c in "${cases[@]}"; do
    read -r name message ring pass kill expect <<<"$c"
    # procmail, the recipe block as ~/.procmailrc
    d=$WORK/run/$name.procmail
    procmail_rc "$d" "$ring" "$pass"
    rc=0
    run_env "$ring" "$pass" "$kill" procmail "$d/.procmailrc" < "$M/$message" || rc=$?
    [ "$rc" = 0 ] || { cat "$d/procmail.log" >&2; fail "procmail $name: exit $rc"; }
    check_delivery "procmail $name" "$(delivered "$d/mail" "procmail $name")" "$message" "$expect"
    # maildrop, the block as ~/.mailfilter
    d=$WORK/run/$name.maildrop
    maildrop_rc "$d" "$ring" "$pass"
    rc=0
    run_env "$ring" "$pass" "$kill" maildrop "$d/.mailfilter" < "$M/$message" || rc=$?
    [ "$rc" = 0 ] || fail "maildrop $name: exit $rc"
    check_delivery "maildrop $name" "$(delivered "$d/Maildir" "maildrop $name")" "$message" "$expect"
    # fetchmail: its mda line through sh -c with HOME set, as fetchmail runs it
    d=$WORK/run/$name.fetchmail
    procmail_rc "$d" "$ring" "$pass"
    rc=0
    HOME=$d run_env "$ring" "$pass" "$kill" sh -c "$fetchmail_mda" < "$M/$message" || rc=$?
    [ "$rc" = 0 ] || fail "fetchmail mda $name: exit $rc (fetchmail would keep the message, but it should deliver)"
    check_delivery "fetchmail $name" "$(delivered "$d/mail" "fetchmail $name")" "$message" "$expect"
    if [ "$kill" = 1 ]; then
        [ "$(cat "$WORK/killed.rc")" = 137 ] || fail "killed: smime was not killed mid-message (exit $(cat "$WORK/killed.rc"))"
    fi
    n=$((n + 1))
done
echo "incoming: $n cases x procmail, maildrop, fetchmail mda: every mail delivered whole"

# Where the recipes file mail: failed decryption and bad signatures apart.
[ -n "$(find "$WORK/run/decrypt-failed.procmail/mail/undecryptable" -type f 2>/dev/null)" ] || fail "procmail: undecryptable mail not filed"
[ -n "$(find "$WORK/run/signed-bad.procmail/mail/suspicious" -type f 2>/dev/null)" ] || fail "procmail: bad signature not filed"
[ -n "$(find "$WORK/run/decrypt-failed.maildrop/Maildir/.undecryptable" -type f)" ] || fail "maildrop: undecryptable mail not filed"
[ -n "$(find "$WORK/run/signed-bad.maildrop/Maildir/.suspicious" -type f)" ] || fail "maildrop: bad signature not filed"

# Outgoing: the sendmail wrapper. The stand-in MTA records what it is given.
block "sh sendmail-smime" > "$BIN/sendmail-smime"
chmod +x "$BIN/sendmail-smime"
cat > "$BIN/mta" <<SH
#!/bin/sh
cat > "$WORK/sent.eml"
SH
chmod +x "$BIN/mta"
send() {  # send KEYRING PASSFILE KILL MESSAGE: exit code of the wrapper
    rm -f "$WORK/sent.eml"
    local rc=0
    run_env "$1" "$2" "$3" env SENDMAIL="$BIN/mta" sendmail-smime -oi -t < "$M/$4" || rc=$?
    echo "$rc"
}
[ "$(send ring-alice - 0 plain.eml)" = 0 ] || fail "sendmail-smime: signing alice's mail failed"
openssl cms -verify -CAfile "$PKI/ca.pem" -certfile "$PKI/sub.pem" -in "$WORK/sent.eml" -out "$WORK/sent.content" 2>/dev/null ||
    fail "sendmail-smime: openssl does not verify what was sent"
for c in "ring-plain - 0 plain.eml no-key" "ring-pass - 0 plain.eml no-passphrase" \
         "ring-broken - 0 plain.eml broken-config" "ring-none - 0 plain.eml missing-keyring" \
         "ring-alice - 1 big.eml killed"; do
    read -r ring pass kill message name <<<"$c"
    # ring-pass holds bob's key: sign as bob there
    [ "$name" = no-passphrase ] && message=from-bob.eml && sed 's/^From: .*/From: Bob <bob@example.org>/' "$M/plain.eml" > "$M/from-bob.eml"
    rc=$(send "$ring" "$pass" "$kill" "$message")
    [ "$rc" = 75 ] || fail "sendmail-smime $name: exit $rc, want 75"
    [ ! -e "$WORK/sent.eml" ] || fail "sendmail-smime $name: something was sent"
done
echo "outgoing: the wrapper sends a signed mail, and nothing on every failure"
