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

// The same check for callers that need the three outcomes (list, encrypt):
// revoked (reason "has been revoked"), good (the CRLs cover every reason),
// or unknown (reason says which CRL is missing or out of date).
enum class RevocationStatus { good, revoked, unknown };
struct RevocationResult {
    RevocationStatus status = RevocationStatus::unknown;
    std::string reason;
};
RevocationResult revocation_status(Keyring& keyring, std::span<const CertInfo> path, std::size_t index,
                                   const RevocationParams& params, const CrlSignerCheck& signer_check);

// For list and encrypt, which judge a certificate without validating its
// path: is path[index] revoked by a CRL of the keyring, signed by its issuer
// or by another certificate of the keyring (import-crl took only such CRLs)?
bool revoked_by_keyring_crls(Keyring& keyring, std::span<const CertInfo> path, std::size_t index, std::time_t at);

// "certificate" for the leaf, "issuer certificate \"NAME\"" for a CA.
std::string describe_cert(const CertInfo& cert, bool leaf);

}  // namespace smime::x509
