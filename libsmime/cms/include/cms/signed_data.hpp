// Building CMS SignedData (RFC 5652 §5): one signer, signed attributes,
// the signature by GnuTLS.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include <smime/cert_info.hpp>
#include <smime/digest.hpp>

#include "gnutls/handle.hpp"
#include "x509/load.hpp"

namespace smime::signature {

struct SignInput {
    std::string_view content;         // the exact bytes that are signed (embedded when embed)
    std::optional<Bytes> content_digest;  // their digest, when computed as they were written
    const CertInfo* signer = nullptr;
    std::vector<CertInfo> chain;      // issuers to include (not the root)
    gnutls_privkey_t key = nullptr;
    Digest digest = Digest::sha256;
    bool embed = false;               // opaque: content inside the SignedData
    bool pss = false;
};

// DER of a ContentInfo holding the SignedData, with signed attributes
// contentType, messageDigest, signingTime and SMIMECapabilities.
Bytes create_signed_data(const SignInput& input);

// The same DER of an opaque SignedData (input.embed) cut around its
// content, which the caller writes between head and tail (a 100 MB content
// is never held): content_size bytes whose digest is input.content_digest.
struct SignedDataFrame {
    Bytes head;  // up to and including the content's OCTET STRING header
    Bytes tail;  // certificates and SignerInfos, to the end
};
SignedDataFrame signed_data_frame(const SignInput& input, std::size_t content_size);

// A content digest computed piece by piece (SignInput::content_digest).
class ContentHasher {
public:
    explicit ContentHasher(Digest digest);
    explicit ContentHasher(gnutls_digest_algorithm_t algorithm);  // any hash a received signature names
    ContentHasher(const ContentHasher&) = delete;
    ContentHasher& operator=(const ContentHasher&) = delete;
    ~ContentHasher();
    void update(std::string_view bytes);
    Bytes finish();

private:
    gnutls_hash_hd_t m_hash = nullptr;
    unsigned m_size = 0;
};

// The digest actually used for a key: Ed25519 always signs with SHA-512
// (RFC 8419 §3.1), the others use what was asked.
Digest effective_digest(gnutls_privkey_t key, Digest asked);

// "sha-256", as written in micalg (RFC 8551 §3.4.3.2).
const char* micalg_name(Digest digest) noexcept;

}  // namespace smime::signature
