// Writing S/MIME containers around bytes we already have: multipart/signed
// (RFC 8551 §3.5.3) and application/pkcs7-mime (§3.5.2). All output uses CRLF.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace smime::mime {

// Reserves room for an output of about size bytes; a large one (8 MiB and
// more) has its pages faulted in one batch, huge pages where allowed, which
// costs a fraction of faulting them one by one while it is filled.
void reserve_output(std::string& buffer, std::size_t size);

// A boundary that does not occur in content ("=_" cannot appear in base64
// or quoted-printable text, and we check anyway).
std::string make_boundary(std::string_view content);

// outer_headers: complete header fields (CRLF-ended) for the outer message,
// without Content-Type / Content-Transfer-Encoding (added here).
std::string multipart_signed(std::string_view outer_headers, std::string_view signed_entity,
                             std::span<const std::uint8_t> signature_der, std::string_view micalg);

// The same in pieces, for an entity written as it is made: the head (outer
// headers, the multipart/signed header, the first boundary line), then the
// entity, then the tail (the signature part and the closing boundary).
// boundary: one the entity does not contain (random_boundary, checked).
std::string random_boundary();
std::string multipart_signed_head(std::string_view outer_headers, std::string_view micalg,
                                  std::string_view boundary);
std::string multipart_signed_tail(std::string_view boundary, std::span<const std::uint8_t> signature_der);

// application/pkcs7-mime; smime-type=smime_type: the outer headers, the
// Content-* fields, then der in base64; the head alone is everything up to
// the base64 body (for a body written in pieces).
std::string pkcs7_mime(std::string_view outer_headers, std::string_view smime_type,
                       std::span<const std::uint8_t> der);
std::string pkcs7_mime_head(std::string_view outer_headers, std::string_view smime_type);

}  // namespace smime::mime
