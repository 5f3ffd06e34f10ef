// CRL decoding with libtasn1 (tasn1/x509.asn): entries, reason codes,
// certificateIssuer, issuingDistributionPoint, CRL numbers.
#include <cstdint>
#include <span>

#include <smime/error.hpp>

#include "x509/crl_parts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 1 << 16) {
        return 0;
    }
    try {
        auto parts = smime::x509::parse_crl_parts(std::span<const std::uint8_t>(data, size));
        (void)smime::x509::crl_scope(parts);
        if (parts.idp && parts.idp->name) {
            (void)parts.idp->name->full_names(parts.issuer_der);
        }
    } catch (const smime::Error&) {
    }
    return 0;
}
