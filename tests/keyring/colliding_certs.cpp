// colliding_certs A.pem B.pem: writes two real, correctly signed
// certificates for collide@example.org whose SHA-256 fingerprints share the
// first 8 hex digits, so a test can give smime an ambiguous fingerprint
// prefix. A birthday search over serial numbers: about 2^16 self-signed
// Ed25519 certificates, a few seconds.
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>
#include <unordered_map>

namespace {

void check(int rc, const char* what) {
    if (rc < 0) {
        std::fprintf(stderr, "%s: %s\n", what, gnutls_strerror(rc));
        std::exit(1);
    }
}

// The certificate with this serial, signed by key (self-signed), as DER.
std::string make_cert(gnutls_x509_crt_t crt, gnutls_x509_privkey_t key, std::uint32_t serial) {
    std::array<unsigned char, 5> bytes{0x01, static_cast<unsigned char>(serial >> 24),
                                       static_cast<unsigned char>(serial >> 16), static_cast<unsigned char>(serial >> 8),
                                       static_cast<unsigned char>(serial)};
    check(gnutls_x509_crt_set_serial(crt, bytes.data(), bytes.size()), "set_serial");
    check(gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA512, 0), "sign");
    gnutls_datum_t der{};
    check(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, &der), "export");
    std::string out(reinterpret_cast<const char*>(der.data), der.size);
    gnutls_free(der.data);
    return out;
}

std::uint32_t fingerprint_prefix(const std::string& der) {
    std::array<unsigned char, 32> digest{};
    check(gnutls_hash_fast(GNUTLS_DIG_SHA256, der.data(), der.size(), digest.data()), "hash");
    return (std::uint32_t{digest[0]} << 24) | (std::uint32_t{digest[1]} << 16) | (std::uint32_t{digest[2]} << 8) |
           digest[3];
}

void write_pem(const char* path, const std::string& der) {
    gnutls_datum_t in{reinterpret_cast<unsigned char*>(const_cast<char*>(der.data())),
                      static_cast<unsigned>(der.size())};
    gnutls_datum_t pem{};
    check(gnutls_pem_base64_encode2("CERTIFICATE", &in, &pem), "pem");
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(pem.data), pem.size);
    gnutls_free(pem.data);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: colliding_certs A.pem B.pem\n");
        return 2;
    }
    gnutls_x509_privkey_t key;
    check(gnutls_x509_privkey_init(&key), "privkey_init");
    check(gnutls_x509_privkey_generate(key, GNUTLS_PK_EDDSA_ED25519, 256, 0), "generate");
    gnutls_x509_crt_t crt;
    check(gnutls_x509_crt_init(&crt), "crt_init");
    check(gnutls_x509_crt_set_version(crt, 3), "version");
    check(gnutls_x509_crt_set_dn(crt, "CN=collide", nullptr), "dn");
    std::time_t now = std::time(nullptr);
    check(gnutls_x509_crt_set_activation_time(crt, now - 3600), "activation");
    check(gnutls_x509_crt_set_expiration_time(crt, now + 30 * 86400), "expiration");
    check(gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_RFC822NAME, "collide@example.org", 19,
                                               GNUTLS_FSAN_SET),
          "san");
    check(gnutls_x509_crt_set_key(crt, key), "set_key");

    std::unordered_map<std::uint32_t, std::uint32_t> seen;  // fingerprint prefix → serial
    for (std::uint32_t serial = 1; serial < 2'000'000; ++serial) {
        std::string der = make_cert(crt, key, serial);
        auto [it, fresh] = seen.emplace(fingerprint_prefix(der), serial);
        if (!fresh) {
            write_pem(argv[1], make_cert(crt, key, it->second));
            write_pem(argv[2], der);
            gnutls_x509_crt_deinit(crt);
            gnutls_x509_privkey_deinit(key);
            return 0;
        }
    }
    std::fprintf(stderr, "no collision found\n");
    gnutls_x509_crt_deinit(crt);
    gnutls_x509_privkey_deinit(key);
    return 1;
}
