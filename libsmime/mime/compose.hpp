// Writing S/MIME containers around bytes we already have: multipart/signed
// (RFC 8551 §3.5.3) and application/pkcs7-mime (§3.5.2). All output uses CRLF.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace smime::mime {

// A boundary that does not occur in content ("=_" cannot appear in base64
// or quoted-printable text, and we check anyway).
std::string make_boundary(std::string_view content);

// outer_headers: complete header fields (CRLF-ended) for the outer message,
// without Content-Type / Content-Transfer-Encoding (added here).
std::string multipart_signed(std::string_view outer_headers, std::string_view signed_entity,
                             std::span<const std::uint8_t> signature_der, std::string_view micalg);

std::string pkcs7_mime(std::string_view outer_headers, std::string_view smime_type,
                       std::span<const std::uint8_t> der);

}  // namespace smime::mime
