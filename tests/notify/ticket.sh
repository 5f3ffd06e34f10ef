# Sourced by signed.sh and crypto.sh (after lib.sh, pki, start_server): send
# the "Ticket #7" notification over the test SMTP server and check what
# arrived with openssl.
# send POLICY FROM ADDR...
send() {
    local policy=$1 from=$2; shift 2
    local to=()
    for a in "$@"; do to+=(--to "$a"); done
    rm -f "$MAILDIR"/*
    notify --from "$from" "${to[@]}" --subject 'Ticket #7' --html "$WORK/body.html" --encryption "$policy" \
        --smtp "smtp://127.0.0.1:$PORT" --smtp-user notifier --smtp-password-file "$WORK/smtp-pass" --smtp-ca "$TLS_CA"
}
only_one() {  # only_one ADDR: the one message that arrived for ADDR
    local files
    files=$(arrived_for "$1")
    [ "$(grep -c . <<<"$files")" = 1 ] || fail "$1: want one message, got: $files"
    [ "$(header "$files" To)" = "$1" ] || fail "$1: To header $(header "$files" To)"
    echo "$files"
}
# opens FILE NAME: decrypts with NAME's key alone into FILE.dec; any other key fails.
opens() {
    local f=$1 name=$2 other
    header "$f" Content-Type | grep -q 'application/pkcs7-mime' || fail "$f not encrypted: $(header "$f" Content-Type)"
    openssl cms -decrypt -in "$f" -recip "$PKI/$name.pem" -inkey "$PKI/$name.key" -out "$f.dec" 2>"$WORK/ossl" \
        || fail "$name cannot decrypt $f: $(cat "$WORK/ossl")"
    for other in bob carol; do
        [ "$other" = "$name" ] && continue
        if openssl cms -decrypt -in "$f" -recip "$PKI/$other.pem" -inkey "$PKI/$other.key" -out /dev/null 2>/dev/null; then
            fail "$other's key opens the message for $name"
        fi
    done
}
# verifies FILE: an S/MIME signature by alice that openssl accepts; content into FILE.content
verifies() {
    openssl cms -verify -in "$1" -CAfile "$PKI/ca.pem" -out "$1.content" -signer "$1.signer" 2>"$WORK/ossl" \
        || fail "signature of $1 does not verify: $(cat "$WORK/ossl")"
    openssl x509 -in "$1.signer" -noout -ext subjectAltName | grep -q alice@example.org || fail "$1 not signed by alice"
    grep -q "Ticket #7 was updated" "$1.content" || fail "$1: signed content lacks the body"
}
