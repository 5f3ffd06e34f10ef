// Is a certificate on a validated path revoked, by the CRLs in the keyring
// (RFC 5280 §6.3)? Used by path validation for every certificate but the
// trust anchor.
#pragma once

#include <cstddef>
#include <ctime>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include <smime/cert_info.hpp>
#include <smime/keyring.hpp>

namespace smime::x509 {

struct RevocationParams {
    std::time_t at = 0;        // judge the CRLs as of this time
    bool require_crl = false;  // no usable current CRL is a failure, not "not revoked"
};

// A CRL may be signed by a certificate other than the issuer on the path
// (another key of the same CA, or an indirect CRL issuer). Path validation
// supplies this check: true when that certificate chains to the same trust
// anchor and may sign CRLs.
using CrlSignerCheck = std::function<bool(const CertInfo& crl_signer)>;

// path[0] is the leaf, path[i + 1] issued path[i], path.back() is the trust
// anchor. Returns nullopt when path[index] is not revoked (or no CRL covers
// it and !require_crl), else the reason naming the certificate and the CA.
std::optional<std::string> check_revocation(Keyring& keyring, std::span<const CertInfo> path, std::size_t index,
                                            const RevocationParams& params, const CrlSignerCheck& signer_check);

// "certificate" for the leaf, "issuer certificate \"NAME\"" for a CA.
std::string describe_cert(const CertInfo& cert, bool leaf);

}  // namespace smime::x509
