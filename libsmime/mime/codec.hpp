// Transfer encodings and line ends: what the signing and verifying code needs
// to move bytes in and out of MIME bodies.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace smime::mime {

// Base64 in lines of 76 characters, each ended by eol.
std::string base64_encode(std::span<const std::uint8_t> data, std::string_view eol = "\r\n");
// Ignores whitespace; nullopt on any other non-alphabet byte or bad padding.
std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text);

// Decodes a body per its Content-Transfer-Encoding (base64, quoted-printable,
// 7bit/8bit/binary/none). nullopt when the base64 is broken.
std::optional<std::vector<std::uint8_t>> decode_body(std::string_view body, std::string_view transfer_encoding);

// Every bare LF becomes CRLF (RFC 8551 §3.1.1 canonical form). Text that is
// already canonical is returned unchanged.
std::string to_crlf(std::string_view text);
// The same, appended to out (no temporary for large bodies).
void append_crlf(std::string& out, std::string_view text);
bool has_bare_lf(std::string_view text) noexcept;
// Every CRLF becomes LF (to hand back a message in the line ends it came with).
std::string to_lf(std::string_view text);

// True when the text can travel as 7bit: no byte >= 0x80, no NUL, lines of
// at most 998 octets, no lone CR.
bool is_7bit_safe(std::string_view text) noexcept;

}  // namespace smime::mime
