// RSASSA-PSS SignerInfos (RFC 4056). gnutls_pkcs7_verify_direct checks them
// with SHA-256 and a salt as long as the digest, whatever their parameters
// say; this does what it does (the signed attributes bound to the content,
// the signature over their DER) with the hash and salt the SignerInfo
// names, through GnuTLS's public-key API.
#pragma once

#include <optional>
#include <string>

#include <smime/cert_info.hpp>

#include "tasn1/ber.hpp"
#include "gnutls/handle.hpp"

namespace smime::signature {

// Whether GnuTLS read the SignerInfo's signature algorithm as RSASSA-PSS.
bool is_rsa_pss(const gnutls_pkcs7_signature_info_st& info);

// In place of gnutls_pkcs7_verify_direct(pkcs7, signer, idx, content): der is
// what pkcs7 was imported from, info what GnuTLS read of SignerInfo idx;
// content is the detached content, or nullptr for the embedded one. Also
// judges the SignerInfo's parameters against an id-RSASSA-PSS certificate's.
// nullopt when the signature holds, else why not.
std::optional<std::string> pss_verify_direct(gnutls_pkcs7_t pkcs7, cms::ByteView der, unsigned idx,
                                             const gnutls_pkcs7_signature_info_st& info,
                                             const gnutls_datum_t* content, const CertInfo& signer);

}  // namespace smime::signature
