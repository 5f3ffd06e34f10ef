// Finding a certificate path that validates (RFC 4158 in small): issuer
// candidates come from the certificates a message carries, the keyring (by
// subject, then by AKI -> SKI), the trust anchors and, when asked, the
// system CA store. Candidates are tried depth first with backtracking, so
// a path that fails (an expired cross-certificate, the wrong key of a CA
// that rolled its key over, a missing CRL) gives way to another one. Depth
// and work are bounded.
#pragma once

#include <ctime>
#include <span>
#include <string>
#include <vector>

#include <smime/cert_info.hpp>
#include <smime/keyring.hpp>

#include "gnutls/handle.hpp"

namespace smime::x509 {

struct PathSources {
    Keyring& keyring;
    std::span<const CertInfo> pool;               // e.g. the certificates in a signature
    std::vector<CertInfo> anchors;                // trusted certificates
    gnutls_x509_trust_list_t system = nullptr;    // system CAs (more anchors), or none
};

struct PathParams {
    std::time_t at = 0;             // validity, CRLs
    bool require_crl = false;       // every CA on the path must have a current CRL
    bool email_protection = false;  // leaf ExtendedKeyUsage must allow S/MIME
};

struct PathResult {
    bool ok = false;
    std::string reason;           // when !ok: why the best candidate path failed
    std::vector<CertInfo> path;   // leaf first, anchor last (on failure: the best attempt)
    bool revocation = false;      // the reported failure came from the CRL check (revoked, or
                                  // with require_crl no usable CRL)
};

// Validation (pki/path_validation.hpp) and revocation (pki/revocation.hpp)
// of every candidate path until one passes.
PathResult find_valid_path(const PathSources& sources, const CertInfo& leaf, const PathParams& params);

}  // namespace smime::x509
