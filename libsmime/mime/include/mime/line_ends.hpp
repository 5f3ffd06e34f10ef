// Line ends: the CRLF canonical form of RFC 8551 §3.1.1 that is signed and
// encrypted, and back to the line ends a message came with. The pieced and
// in-place forms let encrypt and decrypt convert 100 MB bodies without a
// second copy.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <smime/sink.hpp>

namespace smime::mime {

// Every bare LF becomes CRLF; text that is already canonical is returned unchanged.
std::string to_crlf(std::string_view text);
// The same, appended to out (no temporary for large bodies).
void append_crlf(std::string& out, std::string_view text);
bool has_bare_lf(std::string_view text) noexcept;

// Size of the CRLF form of text, and that form in pieces: fills buf (cap >= 2)
// from text[pos...], advances pos, returns the bytes written.
std::size_t crlf_size(std::string_view text) noexcept;
std::size_t crlf_fill(std::string_view text, std::size_t& pos, char* buf, std::size_t cap) noexcept;

// Every CRLF becomes LF; a lone CR stays.
std::string to_lf(std::string_view text);
// CRLF text to out with eol ("\n" or "\r\n") line ends, a few MiB at a
// time (the pages of a mapped text dropped behind).
void write_in_eol(Sink& out, std::string_view crlf_text, std::string_view eol);
// In place: moves buf[src, src + len) to buf[dst, ...) with dst <= src, turning
// CRLF into eol ("\n" or "\r\n") on the way (never growing); returns the end
// of what was written.
std::size_t move_from_crlf(char* buf, std::size_t dst, std::size_t src, std::size_t len, std::string_view eol) noexcept;

}  // namespace smime::mime
