// Content-Transfer-Encoding: decoding a body as the signing and verifying
// code receives it, and telling whether text may travel as 7bit. The
// encodings themselves are in base64.hpp and line_ends.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <smime/sink.hpp>

namespace smime::mime {

// Decodes a body per its Content-Transfer-Encoding (base64, quoted-printable,
// 7bit/8bit/binary/none). nullopt when the base64 is broken; its padding may
// be missing or long (Base64Padding::lenient).
std::optional<std::vector<std::uint8_t>> decode_body(std::string_view body, std::string_view transfer_encoding);
// The same, written to out (base64 a few MiB at a time, in bounded memory);
// false when the body is not valid (out then holds part of it).
bool decode_body_to(Sink& out, std::string_view body, std::string_view transfer_encoding);

// True when the text can travel as 7bit: no byte >= 0x80, no NUL, lines of
// at most 998 octets, no lone CR.
bool is_7bit_safe(std::string_view text) noexcept;

}  // namespace smime::mime
