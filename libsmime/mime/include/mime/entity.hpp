// The one MIME reader of smime: byte-exact views of an entity (RFC 5322
// header section + body) and of multipart bodies, used by every path that
// classifies a message (sign, verify, encrypt, decrypt, decrypt-then-verify,
// send-notification), so a crafted message cannot show one structure to the
// verifier and another to the decrypter. Nothing is copied or re-serialised:
// a signature is checked over the bytes received, and output keeps every
// byte we did not mean to change. GMime (see seven_bit.hpp) is used only
// where content is rewritten, and for Content-Type values (below).
//
// The rules, each decided here and nowhere else:
// - Line ends: a line ends at LF, with or without a CR before it; the
//   entity's eol (what we write into it) is that of its first line (CRLF
//   when it has no line end at all).
// - The header section ends at the first empty line (a lone CR counts as
//   empty). Without one, it ends at the first line that is not a field,
//   and that line starts the body.
// - A field name is printable US-ASCII except ":" (RFC 5322 ftext); blanks
//   before the colon are allowed (obsolete syntax). A name with 8-bit or
//   control bytes, or a first line starting with a blank, is no field: it
//   starts the body.
// - Folding: a line starting with SP or HT continues the field before it;
//   unfold() removes the line ends and trims the blanks around the value.
// - 8-bit bytes in values are kept as they are (no RFC 2047 decoding).
// - Duplicate fields are all kept, in order; where one value decides
//   (Content-Type, Content-Transfer-Encoding, From), the first counts.
// - Content-Type values are read by GMime (RFC 2045, RFC 2231); a missing
//   or unparsable one is text/plain; of a repeated parameter (boundary=,
//   protocol=, smime-type=) the first counts.
// - Multipart: split_multipart finds delimiter lines ("--" boundary, then
//   only blanks); without a delimiter or without the close delimiter the
//   body is not taken as multipart at all.
#pragma once

#include <functional>
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

// Views into the bytes given to parse_entity; they must
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

// An mbox envelope line ("From alice@example.org Thu Nov 26 10:00:00 2026"),
// which procmail and maildrop filters see first: removed from message and
// returned (with its line end), or empty when there is none. It is not a
// header field and is written back in front of the output unchanged.
std::string_view take_envelope_line(std::string_view& message) noexcept;

// A header value unfolded (line ends removed) and trimmed of surrounding blanks.
std::string unfold(std::string_view value);

bool iequals(std::string_view a, std::string_view b) noexcept;
bool istarts_with(std::string_view text, std::string_view prefix) noexcept;

// RFC 2045 Content-Type, lowercased type and subtype.
struct ContentType {
    std::string type = "text";
    std::string subtype = "plain";
    std::vector<std::pair<std::string, std::string>> params;  // names lowercased

    std::string param(std::string_view name) const;  // the first of that name; "" when absent
    bool has_param(std::string_view name) const;
    bool is(std::string_view t, std::string_view s) const { return type == t && subtype == s; }
};

// The entity's Content-Type; a missing or unparsable one is text/plain (SPEC
// "Bad input").
ContentType content_type_of(const Entity& entity);

// A Content-Type value (unfolded), by the same rules.
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

// True when a part of the multipart entity, at any depth down to max_depth,
// satisfies match; a part that is no multipart is not looked into (so a
// message/rfc822 attachment is never searched).
using PartMatch = std::function<bool(const Entity& part, const ContentType& type)>;
bool any_part(const Entity& entity, const ContentType& type, const PartMatch& match, int max_depth, int depth = 0);

}  // namespace smime::mime
