// Revocation of a validated path beyond the keyring's CRLs: for each
// certificate no stored CRL covers, a stored OCSP answer still current, else
// (policy, --offline and --at permitting) one from the responder its
// Authority Information Access names, else a CRL from its distribution
// points; both are kept in the keyring for the next message. Only ever called with a path that validated: a certificate that
// did not never makes smime go to the network.
#pragma once

#include <ctime>
#include <span>
#include <string>

#include <smime/cert_info.hpp>
#include <smime/context.hpp>
#include <smime/keyring.hpp>

namespace smime::ops {

struct OnlineRevocation {
    enum class Outcome { good, revoked, unknown } outcome = Outcome::good;
    // What answered, for the status line: "crl", "crl-fetched", "ocsp", "cache" (several
    // joined by ","), "none" (nothing covers these certificates, or
    // checking is off), "unknown" (a certificate names a responder that
    // could not answer).
    std::string source = "none";
    std::string reason;  // revoked or unknown: which certificate and why
};

// path: leaf first, trust anchor last. at: the time judged; at_given: it
// came from --at (then only stored answers count).
OnlineRevocation check_revocation_online(Context& ctx, Keyring& keyring, std::span<const CertInfo> path,
                                         std::time_t at, bool at_given);

// The same for a certificate of the keyring (an encryption's recipient):
// its path is built from the keyring first; one that reaches no trust
// anchor is not looked up at all (source "none").
OnlineRevocation check_certificate_online(Context& ctx, Keyring& keyring, const CertInfo& cert, std::time_t now);

// Whether the answer stops the operation: revoked, or unknown under the
// hard policy.
bool revocation_refuses(const Context& ctx, const OnlineRevocation& online);

}  // namespace smime::ops
