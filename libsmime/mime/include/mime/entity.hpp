// Byte-exact views of a MIME entity (RFC 5322 header section + body) and of
// multipart bodies. Nothing is copied or re-serialised: a signature is checked
// over the bytes received, and output keeps every byte we did not mean to
// change. GMime (see seven_bit.hpp) is used only where content is rewritten.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smime::mime {

struct HeaderField {
    std::string_view name;   // as written, without the colon
    std::string_view value;  // raw (folded) value after the colon, without the final line end
    std::string_view raw;    // the whole field including its line end(s)
};

// Views into the bytes given to parse_entity or split_message; they must
// outlive the Entity.
struct Entity {
    std::vector<HeaderField> headers;
    std::string_view header_block;  // every header field, without the blank separator line
    std::string_view body;          // after the blank line (empty when there is none)
    std::string_view eol = "\r\n";  // line end used by the header section ("\r\n" or "\n")

    // First field with this name (ASCII case-insensitive), or nullptr.
    const HeaderField* find(std::string_view name) const noexcept;
    std::size_t count(std::string_view name) const noexcept;
    // Unfolded values: of the first field with this name ("" when there is
    // none), and of every such field in order.
    std::string get(std::string_view name) const;
    std::vector<std::string> get_all(std::string_view name) const;
};

// Never fails: a first line that is not a header field makes all of it body.
Entity parse_entity(std::string_view bytes);

// The top-level split encrypt and decrypt have always made, kept apart from
// parse_entity because their output depends on it byte for byte. The two
// differ only where the input is no RFC 5322 header section: here a field
// name may hold any byte but blanks (8-bit, control characters), a first
// line starting with a blank is a field of its own, a last line of a lone
// CR is not a blank line, and eol is that of the first line ("\n" when
// there is no line end at all).
Entity split_message(std::string_view message);

// An mbox envelope line ("From alice@example.org Thu Nov 26 10:00:00 2026"),
// which procmail and maildrop filters see first: removed from message and
// returned (with its line end), or empty when there is none. It is not a
// header field and is written back in front of the output unchanged.
std::string_view take_envelope_line(std::string_view& message) noexcept;

// A header value unfolded (line ends removed) and trimmed of surrounding blanks.
std::string unfold(std::string_view value);

bool iequals(std::string_view a, std::string_view b) noexcept;
bool istarts_with(std::string_view text, std::string_view prefix) noexcept;

// RFC 2045 Content-Type, lowercased type and subtype, as content_type_of or
// parse_content_type read it.
struct ContentType {
    std::string type = "text";
    std::string subtype = "plain";
    std::vector<std::pair<std::string, std::string>> params;  // names lowercased

    std::string param(std::string_view name) const;  // "" when absent
    bool has_param(std::string_view name) const;
    bool is(std::string_view t, std::string_view s) const { return type == t && subtype == s; }
};

// The entity's Content-Type; a missing or unparsable one is text/plain (SPEC
// "Bad input").
ContentType content_type_of(const Entity& entity);

// A Content-Type value read byte by byte as encrypt and decrypt have always
// read it (no GMime, no RFC 2231): "" is text/plain, a value without "/" has
// an empty type and all of it as subtype, quoted parameter values are
// unescaped, and of a repeated parameter the last one counts.
ContentType parse_content_type(std::string_view value);

// The file name from Content-Disposition filename= or Content-Type name=.
std::string file_name_of(const Entity& entity, const ContentType& type);

// The body parts of a multipart body, each without the line end that belongs
// to the following delimiter. nullopt when no delimiter line is found or the
// close delimiter is missing.
struct Multipart {
    std::vector<std::string_view> parts;
    std::string_view preamble;
    std::string_view epilogue;  // after the close delimiter line
};
std::optional<Multipart> split_multipart(std::string_view body, std::string_view boundary);

}  // namespace smime::mime
