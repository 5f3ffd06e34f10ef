# Shared set-up for the encrypt/decrypt shell tests, over the one harness
# (tests/lib/common.sh): a fresh PKI and keyrings. Sourced by each test;
# needs SMIME, TESTS_DIR and ENC_IMPORT from meson.
source "$TESTS_DIR/lib/common.sh"
command -v openssl >/dev/null || skip "openssl missing"
make_pki

# import_certs HOME NAME...: certificates only; import_keys HOME NAME...: cert and key
import_certs() { local home=$1; shift; for n in "$@"; do "$ENC_IMPORT" "$home" cert "$PKI/$n.pem"; done; }
import_keys() {
    local home=$1; shift
    for n in "$@"; do "$ENC_IMPORT" "$home" cert "$PKI/$n.pem"; "$ENC_IMPORT" "$home" key "$PKI/$n.key"; done
}

# The body of a message (everything after the first empty line), LF line endings.
body_of() { tr -d '\r' < "$1" | sed '1,/^$/d'; }
# The value of a header field (first occurrence).
header_of() { tr -d '\r' < "$1" | sed -n "/^\$/q; s/^$2: //Ip" | head -n1; }

# smime_status FILE -- runs smime with --status-fd 3 into FILE; rest is the command
smime_status() { local out=$1; shift; "$SMIME" --status-fd 3 "$@" 3>"$out"; }

# A plain text message to bob, from alice, with a body that needs care.
make_message() {
    cat > "$1" <<'MSG'
From: Alice <alice@example.org>
To: Bob <bob@example.org>
Subject: quarterly numbers
Date: Thu, 26 Nov 2026 10:00:00 +0000
Message-ID: <q1@example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Dear Bob,

the numbers: 1 2 3.
From here on, a line that starts with From.
.
Grüße, Alice
MSG
}
