// Certificates made in the test process with GnuTLS's own API (EC P-256,
// fast), for unit tests that need a chain: a root, CAs under it, end
// entities with an address. The shell tests use openssl (tests/lib/gen-certs.sh)
// instead; what is checked against a real peer lives there.
#pragma once

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include <ctime>
#include <memory>
#include <optional>
#include <string>

#include <smime/cert_info.hpp>

#include "gnutls/handle.hpp"

namespace smime::fixtures {

struct TestCert {
    Bytes der;
    std::string key_pem;  // PKCS#8, unencrypted
    CertInfo info;
    std::shared_ptr<gnutls_x509_crt_int> crt;
    std::shared_ptr<gnutls_x509_privkey_int> key;
};

struct CertSpec {
    std::string name;                  // the CN
    std::string email;                 // subjectAltName rfc822Name; empty: none
    bool ca = false;                   // basicConstraints cA (with keyCertSign, cRLSign)
    int path_length = -1;              // for a CA: pathLenConstraint, -1 none
    std::time_t not_before = 0;        // 0: a day ago
    std::time_t not_after = 0;         // 0: in a year
    const char* purpose = GNUTLS_KP_EMAIL_PROTECTION;  // for an end entity; nullptr: no EKU
};

inline CertSpec ca_spec(std::string name, int path_length = -1) {
    CertSpec spec;
    spec.name = std::move(name);
    spec.ca = true;
    spec.path_length = path_length;
    return spec;
}

inline CertSpec user_spec(std::string name, std::string email, const char* purpose = GNUTLS_KP_EMAIL_PROTECTION) {
    CertSpec spec;
    spec.name = std::move(name);
    spec.email = std::move(email);
    spec.purpose = purpose;
    return spec;
}

inline void ok(int rc, const char* what) { gtls::check(rc, what); }

// issuer == nullptr: self-signed.
inline TestCert make_cert(const CertSpec& spec, const TestCert* issuer) {
    static unsigned serial = 1;
    gnutls_x509_privkey_t raw_key = nullptr;
    ok(gnutls_x509_privkey_init(&raw_key), "privkey_init");
    std::shared_ptr<gnutls_x509_privkey_int> key(raw_key, gnutls_x509_privkey_deinit);
    ok(gnutls_x509_privkey_generate(raw_key, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0),
       "privkey_generate");
    gnutls_x509_crt_t raw = nullptr;
    ok(gnutls_x509_crt_init(&raw), "crt_init");
    std::shared_ptr<gnutls_x509_crt_int> crt(raw, gnutls_x509_crt_deinit);
    std::time_t now = std::time(nullptr);
    ok(gnutls_x509_crt_set_version(raw, 3), "set_version");
    unsigned char serial_bytes[4] = {0x10, static_cast<unsigned char>(serial >> 8), static_cast<unsigned char>(serial), 1};
    ++serial;
    ok(gnutls_x509_crt_set_serial(raw, serial_bytes, sizeof serial_bytes), "set_serial");
    ok(gnutls_x509_crt_set_activation_time(raw, spec.not_before != 0 ? spec.not_before : now - 86400), "activation");
    ok(gnutls_x509_crt_set_expiration_time(raw, spec.not_after != 0 ? spec.not_after : now + 365 * 86400), "expiration");
    ok(gnutls_x509_crt_set_dn_by_oid(raw, GNUTLS_OID_X520_COMMON_NAME, 0, spec.name.data(),
                                     static_cast<unsigned>(spec.name.size())),
       "set_dn");
    if (!spec.email.empty()) {
        ok(gnutls_x509_crt_set_subject_alt_name(raw, GNUTLS_SAN_RFC822NAME, spec.email.data(),
                                                static_cast<unsigned>(spec.email.size()), GNUTLS_FSAN_SET),
           "set_san");
    }
    ok(gnutls_x509_crt_set_basic_constraints(raw, spec.ca ? 1 : 0, spec.path_length), "basic_constraints");
    ok(gnutls_x509_crt_set_key_usage(raw, spec.ca ? (GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN)
                                                  : (GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_AGREEMENT)),
       "key_usage");
    if (!spec.ca && spec.purpose != nullptr) {
        ok(gnutls_x509_crt_set_key_purpose_oid(raw, spec.purpose, 0), "key_purpose");
    }
    ok(gnutls_x509_crt_set_key(raw, raw_key), "set_key");
    unsigned char id[64];
    size_t id_size = sizeof id;
    ok(gnutls_x509_crt_get_key_id(raw, 0, id, &id_size), "get_key_id");
    ok(gnutls_x509_crt_set_subject_key_id(raw, id, id_size), "set_ski");
    if (issuer != nullptr) {
        unsigned char issuer_id[64];
        size_t issuer_id_size = sizeof issuer_id;
        ok(gnutls_x509_crt_get_subject_key_id(issuer->crt.get(), issuer_id, &issuer_id_size, nullptr), "issuer ski");
        ok(gnutls_x509_crt_set_authority_key_id(raw, issuer_id, issuer_id_size), "set_aki");
        ok(gnutls_x509_crt_sign2(raw, issuer->crt.get(), issuer->key.get(), GNUTLS_DIG_SHA256, 0), "sign2");
    } else {
        ok(gnutls_x509_crt_sign2(raw, raw, raw_key, GNUTLS_DIG_SHA256, 0), "self-sign");
    }
    TestCert cert;
    gnutls_datum_t der{};
    ok(gnutls_x509_crt_export2(raw, GNUTLS_X509_FMT_DER, &der), "export");
    cert.der.assign(der.data, der.data + der.size);
    gnutls_free(der.data);
    gnutls_datum_t pem{};
    ok(gnutls_x509_privkey_export2_pkcs8(raw_key, GNUTLS_X509_FMT_PEM, nullptr, GNUTLS_PKCS_PLAIN, &pem), "export key");
    cert.key_pem.assign(reinterpret_cast<const char*>(pem.data), pem.size);
    gnutls_free(pem.data);
    cert.info = parse_cert_info(cert.der);
    cert.crt = crt;
    cert.key = key;
    return cert;
}

}  // namespace smime::fixtures
