// OCSP (RFC 6960) without the network: the request for one certificate, the
// responder URLs a certificate names, and the checks an answer must pass
// before it counts. Fetching and caching are ops/verify_revocation's.
#pragma once

#include <ctime>
#include <span>
#include <string>
#include <vector>

#include <smime/bytes.hpp>
#include <smime/cert_info.hpp>

namespace smime::x509 {

struct OcspRequest {
    Bytes der;
    Bytes nonce;  // empty when none was asked for
};
// For cert, issued by issuer (CertID with SHA-1, as responders expect).
// Throws Error{Errc::parse} when GnuTLS cannot make it.
OcspRequest make_ocsp_request(const CertInfo& cert, const CertInfo& issuer, bool with_nonce);

// The http:// OCSP responders in cert's Authority Information Access, in
// order (other schemes are left out: an https responder would need its own
// revocation check).
std::vector<std::string> ocsp_urls(const CertInfo& cert);

enum class OcspStatus { good, revoked, unknown };

struct OcspAnswer {
    bool usable = false;
    std::string why_not;  // when !usable
    OcspStatus status = OcspStatus::unknown;
    std::time_t this_update = 0;
    std::time_t next_update = 0;  // 0: the responder gave none
    std::time_t revoked_at = 0;
};

// How long an answer without nextUpdate counts, unless ocsp-max-age says.
inline constexpr std::time_t k_default_ocsp_max_age = 3600;

struct OcspCheck {
    std::time_t at = 0;            // the answer must be current then
    std::time_t max_age = k_default_ocsp_max_age;
    std::span<const std::uint8_t> nonce;  // the request's; empty: not checked
};

// Tolerated difference between our clock and the responder's.
inline constexpr std::time_t k_ocsp_clock_skew = 300;

// An answer counts when it is a successful basic response, signed by the
// issuer or by a responder certificate the issuer gave id-kp-OCSPSigning,
// about this certificate, current at check.at, and (when check.nonce is
// given) carries no other nonce.
OcspAnswer check_ocsp_answer(std::span<const std::uint8_t> der, const CertInfo& cert, const CertInfo& issuer,
                             const OcspCheck& check);

}  // namespace smime::x509
