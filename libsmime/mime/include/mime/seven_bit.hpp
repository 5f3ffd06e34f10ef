// RFC 8551 §3.1.2: what is signed must survive 7-bit transport unchanged, so
// 8bit and binary leaf parts are re-encoded (quoted-printable for mostly
// ASCII text, base64 otherwise) before signing.
#pragma once

#include <string>
#include <string_view>

namespace smime::mime {

// Parses the entity with GMime, re-encodes every leaf part whose content is
// not 7-bit safe, and writes it back with CRLF line ends.
// Throws Error{Errc::parse} when GMime cannot parse it at all.
std::string make_7bit_safe(std::string_view entity_bytes);

}  // namespace smime::mime
