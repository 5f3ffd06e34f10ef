#include "x509/anchors.hpp"

#include "x509/load.hpp"

namespace smime::x509 {

gtls::TrustList trust_list_of_anchors(Keyring& keyring) {
    auto trust = gtls::make_trust_list();
    for (const auto& anchor : keyring.trust_anchors()) {
        auto ca = load_crt_der(anchor.cert.der);
        gnutls_x509_crt_t raw = ca.get();
        if (gnutls_x509_trust_list_add_cas(trust.get(), &raw, 1, 0) == 1) {
            (void)ca.release();  // the trust list owns it now
        }
    }
    return trust;
}

}  // namespace smime::x509
