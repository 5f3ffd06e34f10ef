// What path validation needs from a certificate that GnuTLS 3.7 does not
// decode: policyMappings, policyConstraints, inhibitAnyPolicy (libtasn1
// over x509.asn), and
// the signed TBS bytes for checking a signature against one chosen issuer.
// Malformed input throws Error{Errc::parse}.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <smime/cert_info.hpp>

#include "gnutls/handle.hpp"

namespace smime::x509 {

// The DER value of an extension; nullopt when the certificate lacks it.
std::optional<gtls::Datum> extension_value(gnutls_x509_crt_t crt, const char* oid);

struct PolicyMapping {
    std::string issuer_policy;   // dotted OID
    std::string subject_policy;
};

// RFC 5280 §4.2.1.5; nullopt when the extension is absent.
std::optional<std::vector<PolicyMapping>> policy_mappings(gnutls_x509_crt_t crt);

// RFC 5280 §4.2.1.11; nullopt when the extension is absent.
struct PolicyConstraints {
    std::optional<unsigned> require_explicit_policy;
    std::optional<unsigned> inhibit_policy_mapping;
};
std::optional<PolicyConstraints> policy_constraints(gnutls_x509_crt_t crt);

// RFC 5280 §4.2.1.14 (skipCerts); nullopt when the extension is absent.
std::optional<unsigned> inhibit_any_policy(gnutls_x509_crt_t crt);

// The authorityKeyIdentifier's keyIdentifier, or empty.
Bytes authority_key_id(const CertInfo& cert);

// True when issuer's public key verifies subject's signature. GnuTLS's own
// verification pairs issuers by exact name encoding, so we verify the TBS.
// Algorithms GnuTLS deems insecure for certificates fail here too.
bool signature_verifies(gnutls_x509_crt_t subject, const CertInfo& subject_info, gnutls_x509_crt_t issuer);

// True when signer's public key verifies sig over data with the algorithm
// (a gnutls_sign_algorithm_t); no date of the signer is looked at.
bool key_of_verifies(gnutls_x509_crt_t signer, int algorithm, const gnutls_datum_t& data, const gnutls_datum_t& sig);

}  // namespace smime::x509
