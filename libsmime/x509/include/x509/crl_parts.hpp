// What RFC 5280 §6.3 needs from a CRL and from a certificate's
// cRLDistributionPoints, decoded with libtasn1 (x509.asn) because GnuTLS 3.7
// exposes neither CRL entry extensions nor directory-name distribution
// points. Signatures and times stay with GnuTLS.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <smime/cert_info.hpp>

#include "gnutls/handle.hpp"
#include "x509/general_name.hpp"

namespace smime::x509 {

// Reasons as bits 1 << n for RFC 5280 ReasonFlags bit n (keyCompromise = 1
// up to aACompromise = 8); bit 0 (unused) is never set.
using ReasonMask = unsigned;
inline constexpr ReasonMask k_all_reasons = 0x1fe;

// A DistributionPointName: fullName, or nameRelativeToCRLIssuer (an RDN,
// DER of a SET) that full_names() appends to the CRL issuer's name.
struct DistributionPointName {
    GeneralNames full_name;
    std::optional<Bytes> relative_name;
    GeneralNames full_names(std::span<const std::uint8_t> crl_issuer_der) const;
};

struct DistributionPoint {
    std::optional<DistributionPointName> name;
    std::optional<ReasonMask> reasons;
    GeneralNames crl_issuer;  // empty: the certificate's issuer issues the CRL
};

// The certificate's cRLDistributionPoints; nullopt when it has none (or one
// we cannot read, which RFC 5280 lets us treat alike: the issuer's CRLs).
std::optional<std::vector<DistributionPoint>> distribution_points(gnutls_x509_crt_t crt);

struct IssuingDistributionPoint {
    std::optional<DistributionPointName> name;
    bool only_user_certs = false;
    bool only_ca_certs = false;
    bool only_attribute_certs = false;
    bool indirect = false;
    std::optional<ReasonMask> only_some_reasons;
};

// RFC 5280 CRLReason values we act on.
inline constexpr int k_reason_certificate_hold = 6;
inline constexpr int k_reason_remove_from_crl = 8;

struct CrlEntry {
    Bytes serial;                  // INTEGER contents, as trim_integer leaves them
    std::optional<int> reason;     // reasonCode
    GeneralNames issuer;           // the revoked certificate's issuer (certificateIssuer, else the CRL's)
};

struct CrlParts {
    Bytes issuer_der;
    std::optional<Bytes> number;        // cRLNumber (INTEGER contents)
    std::optional<Bytes> base_number;   // deltaCRLIndicator: present on a delta CRL
    std::optional<IssuingDistributionPoint> idp;
    Bytes idp_der;                      // the issuingDistributionPoint's DER, empty when absent
    bool unknown_critical = false;      // a critical CRL or entry extension we cannot process
    std::vector<CrlEntry> entries;
};

// Throws Error{Errc::parse} when the DER is not a CRL we can decode.
CrlParts parse_crl_parts(std::span<const std::uint8_t> der);

// What one CRL replaces in the keyring: the newer CRL of the same issuer
// with the same issuingDistributionPoint, complete or delta alike.
Bytes crl_scope(const CrlParts& parts);

// A certificate that may sign CRLs: keyUsage with cRLSign, or a CA without
// keyUsage. A CRL issuer need not be a CA (RFC 5280 §4.2.1.3): indirect CRL
// issuers and separate CRL-signing keys of a CA often are not.
bool may_sign_crls(gnutls_x509_crt_t crt);

// The CRL's signature verifies with this certificate and it may sign CRLs.
// Times are the caller's to judge, so an old or not yet current CRL still
// verifies.
bool crl_signature_verifies(gnutls_x509_crl_t crl, gnutls_x509_crt_t signer);

// INTEGER contents without redundant leading zero octets (the sign is
// kept), and the numeric order of non-negative ones (CRL numbers).
Bytes trim_integer(Bytes value);
bool integer_less(const Bytes& a, const Bytes& b);

}  // namespace smime::x509
