# Small CAs made with `openssl ca`, for tests that need exact dates.
# ca_extensions FILE: the [ca] and [user] extension sections; a user
# certificate's address is taken from $EMAIL when it is made.
ca_extensions() {
    cat >"$1" <<'CNF'
[ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[user]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = email:${ENV::EMAIL}
CNF
    export EMAIL=${EMAIL:-none@example.org}
}

# ca_db NAME: NAME.cnf and the database of CA NAME (certificate NAME.pem,
# key NAME.key), CRLs valid 30 days.
ca_db() {
    mkdir -p "$1.db" && : >"$1.db/index.txt" && echo 1000 >"$1.db/serial"
    cat >"$1.cnf" <<CNF
[ca]
default_ca = this
[this]
database = $1.db/index.txt
serial = $1.db/serial
new_certs_dir = $1.db
certificate = $1.pem
private_key = $1.key
default_md = sha256
policy = any
default_crl_days = 30
[any]
commonName = supplied
CNF
}
