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
// Skips whitespace; throws Error{Errc::parse} on anything else that is not base64.
Bytes base64_decode(std::string_view text);

// LF -> CRLF (bare LFs only); and CRLF -> eol.
std::string to_crlf(std::string_view text);
std::string from_crlf(std::string_view text, std::string_view eol);

}  // namespace smime::cms::mime
