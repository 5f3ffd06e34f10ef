#include "mime/entity.hpp"

#include <algorithm>
#include <cstring>

#include <gmime/gmime.h>

#include "gmime/init.hpp"
#include "gmime/object_ptr.hpp"
#include "util/read_ahead.hpp"

namespace smime::mime {

namespace {

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = lower(c);
    }
    return out;
}

// A header field name: printable ASCII except colon (RFC 5322 ftext).
bool is_field_name(std::string_view name) noexcept {
    if (name.empty()) {
        return false;
    }
    for (unsigned char c : name) {
        if (c < 33 || c > 126 || c == ':') {
            return false;
        }
    }
    return true;
}

std::string_view line_end_of(std::string_view bytes, std::size_t newline) {
    return (newline > 0 && bytes[newline - 1] == '\r') ? std::string_view("\r\n") : std::string_view("\n");
}

// The raw value of a field: after its first colon, without the final line end.
std::string_view raw_value(std::string_view raw) {
    std::string_view value = raw.substr(raw.find(':') + 1);
    while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) {
        value.remove_suffix(1);
    }
    return value;
}

// The first delimiter in text: memchr for its first byte ('-', which base64
// never holds and text seldom) and a compare, several times faster than
// memmem there. Where the first byte keeps recurring (lines of dashes),
// memmem takes over once the compares have cost as much as the bytes
// passed, so the search stays linear whatever the body holds.
const char* find_in(std::string_view text, std::string_view delimiter) {
    const char* p = text.data();
    const char* const end = text.data() + text.size();
    std::size_t compared = 0;
    while (static_cast<std::size_t>(end - p) >= delimiter.size()) {
        const auto* hit = static_cast<const char*>(
            std::memchr(p, delimiter.front(), static_cast<std::size_t>(end - p) - delimiter.size() + 1));
        if (hit == nullptr) {
            return nullptr;
        }
        if (std::memcmp(hit, delimiter.data(), delimiter.size()) == 0) {
            return hit;
        }
        p = hit + 1;
        compared += delimiter.size();
        if (compared > 4096 + static_cast<std::size_t>(p - text.data())) {
            return static_cast<const char*>(
                ::memmem(p, static_cast<std::size_t>(end - p), delimiter.data(), delimiter.size()));
        }
    }
    return nullptr;
}

// The first delimiter at or after from, searched a window at a time so that
// the pages of a large part already passed are dropped (util::ReadAhead);
// windows overlap by the delimiter's length, so none is missed.
const char* find_delimiter(std::string_view body, std::size_t from, std::string_view delimiter,
                           util::ReadAhead& ahead) {
    constexpr std::size_t k_window = util::k_read_ahead_window;
    while (from < body.size()) {
        std::size_t length = std::min(k_window + delimiter.size(), body.size() - from);
        const char* hit = find_in(body.substr(from, length), delimiter);
        if (hit != nullptr || from + length == body.size()) {
            return hit;
        }
        from += k_window;
        ahead.at(from);
    }
    return nullptr;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

bool istarts_with(std::string_view text, std::string_view prefix) noexcept {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

const HeaderField* Entity::find(std::string_view name) const noexcept {
    for (const auto& field : headers) {
        if (iequals(field.name, name)) {
            return &field;
        }
    }
    return nullptr;
}

std::size_t Entity::count(std::string_view name) const noexcept {
    std::size_t n = 0;
    for (const auto& field : headers) {
        n += iequals(field.name, name) ? 1 : 0;
    }
    return n;
}

std::string Entity::get(std::string_view name) const {
    const HeaderField* field = find(name);
    return field == nullptr ? std::string() : unfold(field->value);
}

std::vector<std::string> Entity::get_all(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& field : headers) {
        if (iequals(field.name, name)) {
            out.push_back(unfold(field.value));
        }
    }
    return out;
}

Entity parse_entity(std::string_view bytes) {
    Entity entity;
    std::size_t pos = 0;
    bool eol_known = false;
    while (pos < bytes.size()) {
        std::size_t newline = bytes.find('\n', pos);
        std::size_t line_end = newline == std::string_view::npos ? bytes.size() : newline;
        std::string_view line = bytes.substr(pos, line_end - pos);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty()) {  // the blank line ends the header section
            entity.header_block = bytes.substr(0, pos);
            entity.body = newline == std::string_view::npos ? std::string_view() : bytes.substr(newline + 1);
            if (!eol_known && newline != std::string_view::npos) {
                entity.eol = line_end_of(bytes, newline);
            }
            return entity;
        }
        std::size_t colon = line.find(':');
        std::string_view name = colon == std::string_view::npos ? std::string_view() : line.substr(0, colon);
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) {
            name.remove_suffix(1);  // obsolete "Name : value" syntax
        }
        if (!is_field_name(name)) {
            break;  // not a header: everything from here is body
        }
        if (!eol_known && newline != std::string_view::npos) {
            entity.eol = line_end_of(bytes, newline);
            eol_known = true;
        }
        // Continuation lines start with a blank.
        std::size_t field_end = newline == std::string_view::npos ? bytes.size() : newline + 1;
        while (field_end < bytes.size() && (bytes[field_end] == ' ' || bytes[field_end] == '\t')) {
            std::size_t next = bytes.find('\n', field_end);
            field_end = next == std::string_view::npos ? bytes.size() : next + 1;
        }
        std::string_view raw = bytes.substr(pos, field_end - pos);
        entity.headers.push_back({name, raw_value(raw), raw});
        pos = field_end;
    }
    if (pos == 0) {
        entity.headers.clear();
        entity.body = bytes;
        if (std::size_t newline = bytes.find('\n'); newline != std::string_view::npos) {
            entity.eol = line_end_of(bytes, newline);  // no field: that of the first line
        }
        return entity;
    }
    // Header fields up to the end, or a non-header line without a blank line before it.
    entity.header_block = bytes.substr(0, pos);
    entity.body = bytes.substr(pos);
    return entity;
}

std::string_view take_envelope_line(std::string_view& message) noexcept {
    if (message.substr(0, 5) != "From ") {
        return {};
    }
    std::size_t newline = message.find('\n');
    std::size_t end = newline == std::string_view::npos ? message.size() : newline + 1;
    std::string_view line = message.substr(0, end);
    message.remove_prefix(end);
    return line;
}

std::string unfold(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c != '\r' && c != '\n') {
            out.push_back(c);
        }
    }
    auto first = out.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return {};
    }
    auto last = out.find_last_not_of(" \t");
    return out.substr(first, last - first + 1);
}

std::string ContentType::param(std::string_view name) const {
    for (const auto& [key, value] : params) {
        if (key == name) {
            return value;
        }
    }
    return {};
}

bool ContentType::has_param(std::string_view name) const {
    return std::any_of(params.begin(), params.end(), [name](const auto& p) { return p.first == name; });
}

ContentType content_type_of(const Entity& entity) {
    return parse_content_type(entity.get("Content-Type"));  // the first field (see find)
}

ContentType parse_content_type(std::string_view value) {
    gmime::ensure_initialised();
    ContentType result;  // text/plain
    if (value.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return result;  // missing (GMime would say application/octet-stream)
    }
    std::string text(value);
    auto parsed = gmime::ObjectPtr<GMimeContentType>::adopt(g_mime_content_type_parse(nullptr, text.c_str()));
    if (!parsed) {
        return result;
    }
    const char* type = g_mime_content_type_get_media_type(parsed.get());
    const char* subtype = g_mime_content_type_get_media_subtype(parsed.get());
    if (type == nullptr || subtype == nullptr) {
        return result;
    }
    result.type = lowered(type);
    result.subtype = lowered(subtype);
    GMimeParamList* list = g_mime_content_type_get_parameters(parsed.get());
    int n = list == nullptr ? 0 : g_mime_param_list_length(list);
    for (int i = 0; i < n; ++i) {
        GMimeParam* param = g_mime_param_list_get_parameter_at(list, i);
        const char* name = g_mime_param_get_name(param);
        const char* param_value = g_mime_param_get_value(param);
        if (name != nullptr) {
            result.params.emplace_back(lowered(name), param_value == nullptr ? "" : param_value);
        }
    }
    return result;
}

std::string file_name_of(const Entity& entity, const ContentType& type) {
    gmime::ensure_initialised();
    if (const HeaderField* field = entity.find("Content-Disposition")) {
        std::string value = unfold(field->value);
        auto disposition =
            gmime::ObjectPtr<GMimeContentDisposition>::adopt(g_mime_content_disposition_parse(nullptr, value.c_str()));
        if (disposition) {
            const char* name = g_mime_content_disposition_get_parameter(disposition.get(), "filename");
            if (name != nullptr && *name != '\0') {
                return name;
            }
        }
    }
    return type.param("name");
}

std::optional<Multipart> split_multipart(std::string_view body, std::string_view boundary) {
    if (boundary.empty()) {
        return std::nullopt;
    }
    std::string delimiter = "--";
    delimiter.append(boundary);
    Multipart result;
    std::size_t search = 0;
    std::size_t part_start = std::string_view::npos;  // start of the current part's content
    std::size_t preamble_end = 0;
    bool first = true;
    util::ReadAhead ahead(body);
    while (search <= body.size()) {
        const char* hit = find_delimiter(body, search, delimiter, ahead);
        if (hit == nullptr) {
            return std::nullopt;  // no close delimiter
        }
        std::size_t at = static_cast<std::size_t>(hit - body.data());
        search = at + 1;
        if (at != 0 && body[at - 1] != '\n') {
            continue;  // not at the start of a line
        }
        std::size_t after = at + delimiter.size();
        bool close = body.substr(after, 2) == "--";
        std::size_t rest = close ? after + 2 : after;
        // Only transport padding may follow the boundary on its line.
        std::size_t line_end = body.find('\n', rest);
        std::string_view tail = body.substr(rest, (line_end == std::string_view::npos ? body.size() : line_end) - rest);
        if (tail.find_first_not_of(" \t\r") != std::string_view::npos) {
            continue;
        }
        // The line end before a delimiter belongs to the delimiter.
        std::size_t content_end = at;
        if (content_end > 0 && body[content_end - 1] == '\n') {
            --content_end;
            if (content_end > 0 && body[content_end - 1] == '\r') {
                --content_end;
            }
        }
        if (first) {
            preamble_end = content_end;
            first = false;
        } else {
            result.parts.push_back(body.substr(part_start, content_end >= part_start ? content_end - part_start : 0));
        }
        part_start = line_end == std::string_view::npos ? body.size() : line_end + 1;
        if (close) {
            result.preamble = body.substr(0, preamble_end);
            result.epilogue = body.substr(part_start);
            return result;
        }
        search = part_start;
    }
    return std::nullopt;
}

bool any_part(const Entity& entity, const ContentType& type, const PartMatch& match, int max_depth, int depth) {
    if (depth > max_depth || type.type != "multipart") {
        return false;
    }
    auto multipart = split_multipart(entity.body, type.param("boundary"));
    if (!multipart) {
        return false;
    }
    for (std::string_view bytes : multipart->parts) {
        Entity part = parse_entity(bytes);
        ContentType part_type = content_type_of(part);
        if (match(part, part_type) || any_part(part, part_type, match, max_depth, depth + 1)) {
            return true;
        }
    }
    return false;
}

}  // namespace smime::mime
