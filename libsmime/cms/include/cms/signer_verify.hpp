// The check of one SignerInfo, for every signature algorithm, in place of
// gnutls_pkcs7_verify_direct: that one wants the content in one piece (a
// 100 MB message would be read whole) and checks RSASSA-PSS with SHA-256
// and a salt as long as the digest, whatever the SignerInfo says. This does
// what it does (the signed attributes bound to the content's digest, the
// signature over their DER) with the algorithms the SignerInfo names,
// through GnuTLS's public-key API; the digest is computed by the caller,
// piece by piece.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <smime/cert_info.hpp>

#include "tasn1/ber.hpp"
#include "gnutls/handle.hpp"

namespace smime::signature {

// What the signature is checked against.
struct SignedContent {
    bool empty = false;
    // The content's digest with this hash.
    std::function<Bytes(gnutls_digest_algorithm_t)> digest;
    // The content itself, only for a SignerInfo without signed attributes
    // (then the signature is over the content, and EdDSA cannot take a digest).
    std::function<std::string_view()> whole;
};

// SignerInfo idx of the SignedData in der (the ContentInfo pkcs7 was imported
// from), info what GnuTLS read of it, signer its certificate. Also judges a
// RSASSA-PSS SignerInfo's parameters against an id-RSASSA-PSS certificate's.
// nullopt when the signature holds, else why not; never throws for what a
// sender packed in.
std::optional<std::string> verify_signer_info(cms::ByteView der, unsigned idx,
                                              const gnutls_pkcs7_signature_info_st& info,
                                              const SignedContent& content, const CertInfo& signer);

}  // namespace smime::signature
