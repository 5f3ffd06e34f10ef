// RFC 5280 §6.1 basic path validation of one candidate path, with the
// default inputs (initial policy set {anyPolicy}, no explicit policy,
// mapping and anyPolicy allowed): signatures, validity at a given time,
// name chaining (§7.1), basic constraints and path length (self-issued
// certificates not counted), keyCertSign, name constraints, certificate
// policies, unknown critical extensions, and the leaf's ExtendedKeyUsage.
// Revocation is not part of it (see pki/revocation.hpp).
#pragma once

#include <ctime>
#include <span>
#include <string>

#include <smime/cert_info.hpp>

namespace smime::x509 {

struct ValidationParams {
    std::time_t at = 0;             // validity of every certificate, the anchor's too
    bool email_protection = false;  // the leaf's ExtendedKeyUsage must allow S/MIME
};

struct ValidationResult {
    bool ok = false;
    std::string reason;  // when !ok, naming the certificate at fault
};

// path[0] is the leaf, path[i + 1] issued path[i], path.back() is the trust
// anchor, which supplies only its name and key (its own extensions are not
// applied, as RFC 5280 §6.1.1 (d) allows). A path of one certificate is a
// leaf that is itself trusted: only its validity and purpose are checked.
ValidationResult validate_path(std::span<const CertInfo> path, const ValidationParams& params);

}  // namespace smime::x509
