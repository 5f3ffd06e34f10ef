// The outer layers of a CMS ContentInfo holding EnvelopedData (RFC 5652) or
// AuthEnvelopedData (RFC 5083), read and written around the bulk ciphertext
// without copying it.
#pragma once

#include <string>
#include <vector>

#include "tasn1/ber.hpp"

namespace smime::cms {

struct ParsedEnvelope {
    bool authenticated = false;                // AuthEnvelopedData
    ByteView recipient_infos;                  // content of the RecipientInfos SET
    ByteView content_algorithm;                // AlgorithmIdentifier DER
    std::vector<ByteView> encrypted_content;   // segments, in order
    ByteView auth_attrs;                       // [1] authAttrs, whole TLV, or empty
    ByteView mac;                              // AuthEnvelopedData mac contents
};

// The contentType OID of a ContentInfo (dotted), or throws Error{Errc::parse}.
std::string content_type(ByteView der);

// Throws Error{Errc::parse} when der is not a well-formed (Auth)EnvelopedData.
ParsedEnvelope parse_envelope(ByteView der);

// A DER ContentInfo in three parts, so the ciphertext never needs a buffer
// of its own: prefix, then content_size bytes of ciphertext, then (GCM)
// mac_header followed by mac_size bytes of tag.
struct EnvelopeLayout {
    Bytes prefix;
    Bytes mac_header;
};
EnvelopeLayout build_envelope(bool authenticated, std::vector<Bytes> recipient_infos, bool any_kari_or_ski,
                              ByteView content_algorithm, std::size_t content_size, std::size_t mac_size);

}  // namespace smime::cms
