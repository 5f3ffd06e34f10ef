// A snapshot of what we need from an X.509 certificate, copied out of GnuTLS
// right after parsing so no C struct crosses a layer.
#pragma once

#include <smime/export.hpp>

#include <cstdint>
#include <ctime>
#include <span>
#include <string>
#include <vector>

#include <smime/bytes.hpp>

namespace smime {

struct SMIME_API CertInfo {
    Bytes der;
    std::string fingerprint;          // SHA-256 of the DER, lowercase hex
    std::string sha1_fingerprint;     // SHA-1 of the DER, lowercase hex (what gpgsm users paste)
    std::vector<std::string> emails;  // SAN rfc822Name, SAN SmtpUTF8Mailbox, subject emailAddress
    std::string subject;              // RFC 4514 string
    std::string common_name;          // first CN of the subject, or empty
    std::string issuer;               // RFC 4514 string
    Bytes subject_der;                // raw subject Name, for chain building
    Bytes issuer_der;                 // raw issuer Name
    Bytes serial;                     // as in the certificate
    Bytes subject_key_id;             // SKI extension, or empty
    std::string key_id;               // SHA-256 of the public key (hex): which private key fits
    std::time_t not_before = 0;
    std::time_t not_after = 0;
    bool is_ca = false;               // basicConstraints cA
    bool self_signed = false;         // subject == issuer and signature verifies with own key
};

// How messages name a certificate: its first address, else its subject's
// common name, else the whole subject.
SMIME_API std::string display_name(const CertInfo& cert);

// Parses one DER certificate; throws Error{Errc::parse} when it is not one.
SMIME_API CertInfo parse_cert_info(std::span<const std::uint8_t> der);

SMIME_API std::string to_hex(std::span<const std::uint8_t> bytes);
SMIME_API std::string sha256_hex(std::span<const std::uint8_t> bytes);

}  // namespace smime
