// The SignerInfos of a SignedData: each one's cryptographic check
// (cms/signer_verify.hpp: messageDigest, contentType, the signature), the
// content hashed once per hash in bounded pieces, and what --learn needs
// from the signed attributes.
#pragma once

#include <ctime>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <smime/cert_info.hpp>
#include <smime/keyring.hpp>

#include "gnutls/handle.hpp"

namespace smime::signature {

struct SignerCheck {
    bool ok = false;
    std::string reason;              // when !ok
    std::optional<CertInfo> cert;    // the signer's certificate, when found
    std::time_t signing_time = -1;   // -1 when absent
    std::optional<Bytes> capabilities;  // SMIMECapabilities attribute value (DER)
};

// The certificates carried in the SignedData.
std::vector<CertInfo> carried_certificates(gnutls_pkcs7_t pkcs7);

// The signed content as received. Detached content is checked in its CRLF
// form (mail stored with LF line ends was signed with CRLF; nothing else is
// changed); embedded content as it is.
struct SignedBytes {
    std::vector<std::string_view> pieces;  // in order: a BER OCTET STRING may come in segments
    bool crlf_form = false;
};

// der: what pkcs7 was imported from (the SignerInfos are read from it).
std::vector<SignerCheck> check_signers(gnutls_pkcs7_t pkcs7, std::span<const std::uint8_t> der,
                                       const SignedBytes& content, Keyring& keyring,
                                       const std::vector<CertInfo>& carried);

}  // namespace smime::signature
