#include "gnutls/handle.hpp"

#include <utility>

#include <smime/error.hpp>

namespace smime::gtls {

namespace {
template <typename Owner, typename Init>
Owner make(Init init, const char* where) {
    typename Owner::pointer raw = nullptr;
    check(init(&raw), where);
    return Owner(raw);
}
}  // namespace

X509Crt make_x509_crt() { return make<X509Crt>(gnutls_x509_crt_init, "gnutls_x509_crt_init"); }
X509Crl make_x509_crl() { return make<X509Crl>(gnutls_x509_crl_init, "gnutls_x509_crl_init"); }
X509Privkey make_x509_privkey() { return make<X509Privkey>(gnutls_x509_privkey_init, "gnutls_x509_privkey_init"); }
Privkey make_privkey() { return make<Privkey>(gnutls_privkey_init, "gnutls_privkey_init"); }
Pubkey make_pubkey() { return make<Pubkey>(gnutls_pubkey_init, "gnutls_pubkey_init"); }
Pkcs7 make_pkcs7() { return make<Pkcs7>(gnutls_pkcs7_init, "gnutls_pkcs7_init"); }
Pkcs12 make_pkcs12() { return make<Pkcs12>(gnutls_pkcs12_init, "gnutls_pkcs12_init"); }
Pkcs12Bag make_pkcs12_bag() { return make<Pkcs12Bag>(gnutls_pkcs12_bag_init, "gnutls_pkcs12_bag_init"); }
TrustList make_trust_list() {
    return make<TrustList>([](gnutls_x509_trust_list_t* p) { return gnutls_x509_trust_list_init(p, 0); },
                           "gnutls_x509_trust_list_init");
}

Datum& Datum::operator=(Datum&& other) noexcept {
    if (this != &other) {
        gnutls_free(m_datum.data);
        m_datum = std::exchange(other.m_datum, gnutls_datum_t{nullptr, 0});
    }
    return *this;
}

int check(int rc, const char* where) {
    if (rc < 0) {
        throw Error(Errc::crypto, std::string(where) + ": " + gnutls_strerror(rc), rc);
    }
    return rc;
}

void check_asn1(int rc, const char* where, const char* detail) {
    if (rc != ASN1_SUCCESS) {
        std::string message = std::string(where) + ": " + asn1_strerror(rc);
        if (detail != nullptr && *detail != '\0') {
            message += std::string(" (") + detail + ")";
        }
        throw Error(Errc::parse, message, rc);
    }
}

}  // namespace smime::gtls
