// A minimal BER reader and DER writer for the outer CMS layers. The bulk
// encryptedContent (up to hundreds of MB, often a constructed OCTET STRING
// with indefinite lengths from gpgsm) is sliced in place instead of being
// copied through libtasn1; the small structures inside go to libtasn1.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <smime/bytes.hpp>

namespace smime::cms {

using ByteView = std::span<const std::uint8_t>;

struct Tlv {
    std::uint8_t tag = 0;  // the identifier octet (low tag numbers only)
    ByteView content;      // for indefinite length: up to, not including, the end-of-contents
    ByteView whole;        // identifier, length, content (and end-of-contents)
    bool constructed() const noexcept { return (tag & 0x20) != 0; }
};

// Reads one TLV at the start of data; throws Error{Errc::parse} when it is
// malformed or runs past the end.
Tlv read_tlv(ByteView data);

// Iterates over the TLVs of a constructed value's content.
class TlvReader {
public:
    explicit TlvReader(ByteView content) : m_rest(content) {}
    bool empty() const noexcept { return m_rest.empty(); }
    Tlv next();                       // throws at the end
    Tlv expect(std::uint8_t tag);     // next(), which must carry this tag
    bool peek(std::uint8_t tag) const noexcept { return !m_rest.empty() && m_rest[0] == tag; }

private:
    ByteView m_rest;
};

// The pieces of an OCTET STRING (primitive: one; constructed: each segment, in order).
std::vector<ByteView> octet_string_chunks(const Tlv& tlv);

// DER: identifier + length + content.
void append_header(Bytes& out, std::uint8_t tag, std::size_t length);
std::size_t header_size(std::size_t length);
void append_tlv(Bytes& out, std::uint8_t tag, ByteView content);
Bytes oid_der(const char* dotted);  // 06 len value

}  // namespace smime::cms
