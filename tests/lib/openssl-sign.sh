# openssl_sign_detached PKI BODY WHO OUT [openssl cms args...]: a detached
# signature by WHO of the test PKI (tests/lib/gen-certs.sh) over the file
# BODY, written as multipart/signed without outer headers; the sub CA goes
# along as the chain. Shared by the sign and adversarial harnesses.
openssl_sign_detached() {
    local pki=$1 body=$2 who=$3 out=$4
    shift 4
    openssl cms -sign -signer "$pki/$who.pem" -inkey "$pki/$who.key" -certfile "$pki/sub.pem" \
        -in "$body" "$@" -out "$out" 2>/dev/null
}
