// Where things live under the keyring's home directory.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <smime/cert_info.hpp>

namespace smime::keyring::layout {

inline constexpr const char* k_lock = ".lock";
inline constexpr const char* k_seq = "seq";                 // last import sequence number
inline constexpr const char* k_certs = "certs";             // <fpr>.der
inline constexpr const char* k_keys = "keys";               // <key id>.pem, 0600
inline constexpr const char* k_trust = "trust";             // <fpr>, empty marker
inline constexpr const char* k_crls = "crls";               // <sha256(issuer)>/<sha256(scope)>.der
                                                            // (older keyrings: <sha256(issuer)>.der)
inline constexpr const char* k_caps = "caps";               // <fpr>: "<time>\n<hex DER>\n"
inline constexpr const char* k_ocsp = "ocsp";               // <fpr>.der: the last OCSP answer for it
inline constexpr const char* k_index_email = "index/email";     // <sha256(folded address)>
inline constexpr const char* k_index_subject = "index/subject"; // <sha256(subject DER)>
inline constexpr const char* k_index_isn = "index/isn";         // <sha256(issuer DER || serial)>
inline constexpr const char* k_index_ski = "index/ski";         // <sha256(SKI)>
inline constexpr const char* k_index_key = "index/key";         // <key id>: certificates with that public key

inline std::string cert_path(std::string_view fpr) { return std::string(k_certs) + "/" + std::string(fpr) + ".der"; }
inline std::string key_path(std::string_view key_id) { return std::string(k_keys) + "/" + std::string(key_id) + ".pem"; }
inline std::string trust_path(std::string_view fpr) { return std::string(k_trust) + "/" + std::string(fpr); }
inline std::string caps_path(std::string_view fpr) { return std::string(k_caps) + "/" + std::string(fpr); }
inline std::string ocsp_path(std::string_view fpr) { return std::string(k_ocsp) + "/" + std::string(fpr) + ".der"; }

std::string email_index_path(std::string_view address);
std::string subject_index_path(std::span<const std::uint8_t> subject_der);
std::string isn_index_path(std::span<const std::uint8_t> issuer_der, std::span<const std::uint8_t> serial);
std::string ski_index_path(std::span<const std::uint8_t> ski);
inline std::string key_index_path(std::string_view key_id) { return std::string(k_index_key) + "/" + std::string(key_id); }
// The directory of one issuer's CRLs, one file per scope (x509::crl_scope).
std::string crl_dir(std::span<const std::uint8_t> issuer_der);
std::string crl_path(std::span<const std::uint8_t> issuer_der, std::span<const std::uint8_t> scope);
// Where a keyring before scopes kept the one CRL of an issuer; still read.
std::string legacy_crl_path(std::span<const std::uint8_t> issuer_der);

}  // namespace smime::keyring::layout
