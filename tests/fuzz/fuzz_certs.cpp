// Certificate input of import-cert (PEM, DER, PKCS#7) up to our CertInfo snapshot.
#include <cstdint>
#include <span>

#include <gnutls/gnutls.h>

#include <smime/error.hpp>

#include "x509/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool k_init = (gnutls_global_init(), true);
    (void)k_init;
    if (size > 1 << 16) {
        return 0;
    }
    try {
        (void)smime::x509::load_certificates(std::span<const std::uint8_t>(data, size));
    } catch (const smime::Error&) {
    }
    return 0;
}
