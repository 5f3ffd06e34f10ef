// What GnuTLS does not hand out, sliced from the DER (or BER): of a
// SignerInfo, its signed attributes as received and its algorithm
// identifiers with their parameters (RFC 5652 §5.1, §5.3); of a certificate,
// its key's AlgorithmIdentifier with parameters (GnuTLS reads an absent MGF
// of an id-RSASSA-PSS key as MGF1 with the key's hash, not RFC 4055's
// mgf1SHA1, and hands out no MGF at all).
#pragma once

#include <optional>
#include <vector>

#include "tasn1/ber.hpp"

namespace smime::signature {

struct RawSignerInfo {
    cms::ByteView content_type;                // the SignedData's eContentType, the whole OID
    cms::ByteView digest_algorithm;            // AlgorithmIdentifier
    std::optional<cms::ByteView> signed_attrs; // [0] IMPLICIT SET OF Attribute, as received
    cms::ByteView signature_algorithm;         // AlgorithmIdentifier
    Bytes signature;
};

// SignerInfo number idx (from 0) of the SignedData in the ContentInfo der;
// nullopt when there is no such SignerInfo. Throws Error{Errc::parse} when
// the structure is malformed. The views point into der.
std::optional<RawSignerInfo> raw_signer_info(cms::ByteView der, unsigned idx);

// An opaque SignedData taken apart (RFC 5652 §5.1, §5.2): its content, as
// the segments of its OCTET STRING (BER may cut it in many), and the
// ContentInfo encoded again without it (the outer lengths in DER, every
// other field as received), for GnuTLS to read signers and certificates
// from without copying a content of hundreds of MB. Throws
// Error{Errc::parse} when the structure is malformed.
struct SplitSignedData {
    Bytes without_content;
    std::vector<cms::ByteView> content;  // views into der; none without eContent
};
SplitSignedData split_signed_data(cms::ByteView der);

// The subjectPublicKeyInfo.algorithm of the certificate der (RFC 5280 §4.1);
// throws Error{Errc::parse} when it is malformed. The view points into der.
cms::ByteView key_algorithm(cms::ByteView der);

}  // namespace smime::signature
