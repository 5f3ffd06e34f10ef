// RSASSA-PSS-params (RFC 4055 §3.1; in CMS as RFC 4056 says), of a
// SignerInfo's signatureAlgorithm and of an id-RSASSA-PSS certificate key,
// and the two judgments on them: can GnuTLS check such a signature, and does
// the key allow it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include <gnutls/gnutls.h>

namespace smime::signature {

inline constexpr const char* k_oid_rsassa_pss = "1.2.840.113549.1.1.10";

// With RFC 4055's DEFAULTs filled in (sha1, mgf1SHA1, 20, 1).
struct PssParams {
    gnutls_digest_algorithm_t hash = GNUTLS_DIG_UNKNOWN;       // UNKNOWN: not a hash GnuTLS knows
    bool mgf1 = false;                                         // maskGenAlgorithm is id-mgf1
    gnutls_digest_algorithm_t mgf1_hash = GNUTLS_DIG_UNKNOWN;  // its hash, when mgf1
    unsigned salt_length = 0;
    unsigned trailer_field = 0;
};

// der: the DER of the parameters (not empty). nullopt when malformed.
std::optional<PssParams> parse_pss_params(std::span<const std::uint8_t> der);

// Why GnuTLS cannot check a signature made with these parameters (it has
// RSA-PSS with SHA-256/384/512, MGF1 with that same hash, trailerField 1);
// nullopt when it can.
std::optional<std::string> unverifiable(const PssParams& signature);

// Why a key whose id-RSASSA-PSS parameters are `key` may not have made a
// signature with `signature` (RFC 4055 §3.3: the same hash and MGF, a salt at
// least as long, the same trailerField); nullopt when it may. `signature`
// must have passed unverifiable(), so that its hashes are known ones.
std::optional<std::string> not_allowed(const PssParams& key, const PssParams& signature);

}  // namespace smime::signature
