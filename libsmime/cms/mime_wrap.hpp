// The little MIME that encrypt and decrypt need on the top level of a
// message, done without re-serializing it (100 MB messages, exact bytes):
// header fields as written, the body, Content-Type parameters, base64.
// Private to cms/ until the shared helpers of libsmime/mime/ land.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cms/ber.hpp"

namespace smime::cms::mime {

struct HeaderField {
    std::string name;       // as written
    std::string_view raw;   // the whole field with continuation lines and line ending
    std::string value() const;  // unfolded, trimmed
};

struct SplitMessage {
    std::vector<HeaderField> headers;
    std::string_view body;
    std::string_view eol = "\n";  // the line ending the message uses
    // Value of the first field with this name (case-insensitive), or "".
    std::string get(std::string_view name) const;
    std::vector<std::string> get_all(std::string_view name) const;
};

SplitMessage split_message(std::string_view message);

bool iequals(std::string_view a, std::string_view b) noexcept;
bool istarts_with(std::string_view text, std::string_view prefix) noexcept;

struct ContentType {
    std::string type;                          // lowercased "type/subtype"; text/plain when absent
    std::map<std::string, std::string> params;  // lowercased names, unquoted values
};
ContentType parse_content_type(std::string_view value);

// base64 with lines of 76 characters ending in eol.
std::string base64_lines(ByteView data, std::string_view eol);
// The same, streamed: write() any pieces, finish() once; appends to out.
class Base64Writer {
public:
    Base64Writer(std::string& out, std::string_view eol) : m_out(out), m_eol(eol) {}
    void write(ByteView data);
    void finish();

private:
    void line(const std::uint8_t* data, std::size_t n);
    std::string& m_out;
    std::string_view m_eol;
    std::uint8_t m_carry[57] = {};
    std::size_t m_carry_len = 0;
};
// Skips whitespace; throws Error{Errc::parse} on anything else that is not base64.
Bytes base64_decode(std::string_view text);
// The same into out (room for text.size() / 4 * 3 + 3 bytes); returns the decoded size.
std::size_t base64_decode_into(std::string_view text, std::uint8_t* out);

// base64_decode_into in pieces: a quantum may span two calls to decode.
class Base64Decoder {
public:
    // Appends to out (room for text.size() / 4 * 3 + 3 bytes); returns the bytes written.
    std::size_t decode(std::string_view text, std::uint8_t* out);
    // Throws Error{Errc::parse} when the text ended inside a quantum.
    void finish() const;

private:
    std::uint32_t m_acc = 0;
    int m_have = 0;
    int m_padding = 0;
};

// Moves buf[src, src + len) to buf[dst, ...) with dst <= src, turning CRLF
// into eol on the way (never growing); returns the end of what was written.
std::size_t move_from_crlf(char* buf, std::size_t dst, std::size_t src, std::size_t len, std::string_view eol) noexcept;

// Size of the CRLF form of text, and that form in pieces: fills buf (cap >= 2)
// from text[pos...], advances pos, returns the bytes written.
std::size_t crlf_size(std::string_view text) noexcept;
std::size_t crlf_fill(std::string_view text, std::size_t& pos, char* buf, std::size_t cap) noexcept;
// Appends text with CRLF turned into eol.
void append_from_crlf(std::string& out, std::string_view text, std::string_view eol);

// LF -> CRLF (bare LFs only); and CRLF -> eol.
std::string to_crlf(std::string_view text);
std::string from_crlf(std::string_view text, std::string_view eol);

}  // namespace smime::cms::mime
