// An owned gnutls_x509_spki_t holding RSA-PSS parameters: what GnuTLS signs
// with (signed_data.cpp) and verifies with (signer_verify.cpp).
#pragma once

#include "gnutls/handle.hpp"

namespace smime::signature {

inline void spki_free(gnutls_x509_spki_t p) noexcept { gnutls_x509_spki_deinit(p); }
using Spki = gtls::Owner<gnutls_x509_spki_t, spki_free>;

inline Spki make_spki() {
    gnutls_x509_spki_t raw = nullptr;
    gtls::check(gnutls_x509_spki_init(&raw), "gnutls_x509_spki_init");
    return Spki(raw);
}

inline Spki rsa_pss_spki(gnutls_digest_algorithm_t hash, unsigned salt_length) {
    Spki spki = make_spki();
    gnutls_x509_spki_set_rsa_pss_params(spki.get(), hash, salt_length);
    return spki;
}

}  // namespace smime::signature
