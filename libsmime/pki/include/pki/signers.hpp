// The SignerInfos of a SignedData: each one's cryptographic check with
// GnuTLS (signature over the content, messageDigest, contentType; RSA-PSS
// through pss_verify.hpp) and what --learn needs from its signed attributes.
#pragma once

#include <ctime>
#include <optional>
#include <span>
#include <string>
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

// der: what pkcs7 was imported from (RSA-PSS SignerInfos are read from it);
// content: the detached content, or nullptr for the embedded one.
std::vector<SignerCheck> check_signers(gnutls_pkcs7_t pkcs7, std::span<const std::uint8_t> der,
                                       const gnutls_datum_t* content, Keyring& keyring,
                                       const std::vector<CertInfo>& carried);

}  // namespace smime::signature
