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

// The same, built in place so a large signed entity is written once: append
// the entity to entity_buffer(), sign entity(), then finish(). The boundary
// is chosen before the entity exists, so the caller passes the text it will
// be made from (a boundary absent from it is absent from its CRLF form).
class MultipartSignedWriter {
public:
    MultipartSignedWriter(std::string_view outer_headers, std::string_view micalg, std::string_view source,
                          std::size_t expected_size);
    std::string& entity_buffer() noexcept { return m_out; }
    std::string_view entity() const noexcept { return std::string_view(m_out).substr(m_entity_start); }
    std::string finish(std::span<const std::uint8_t> signature_der) &&;

private:
    std::string m_boundary;
    std::string m_out;
    std::size_t m_entity_start = 0;
};

std::string pkcs7_mime(std::string_view outer_headers, std::string_view smime_type,
                       std::span<const std::uint8_t> der);

}  // namespace smime::mime
