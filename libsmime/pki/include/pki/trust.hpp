// Is a signer's certificate valid for signing mail: a path to a trust anchor
// that passes RFC 5280 validation (pki/path_building.hpp) at the
// verification time, CRLs, KeyUsage/ExtendedKeyUsage. Failures are values
// with a reason naming the certificate at fault.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include <smime/cert_info.hpp>
#include <smime/keyring.hpp>

#include "util/time.hpp"

namespace smime::signature {

struct TrustParams {
    std::time_t at = 0;         // judge validity as of this time
    bool system_trust = false;  // also the system's CA store
    bool require_crl = false;   // every CA on the path must have a current CRL
};

struct PathVerdict {
    bool ok = false;
    std::string reason;          // when !ok
    std::vector<CertInfo> path;  // issuers found (nearest first), for --learn
};

PathVerdict validate_signer(Keyring& keyring, const CertInfo& signer, const std::vector<CertInfo>& pool,
                            const TrustParams& params);

using util::format_date;
using util::format_time;

}  // namespace smime::signature
