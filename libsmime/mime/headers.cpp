#include "mime/headers.hpp"

#include <cstring>

#include <smime/limits.hpp>

#include "util/read_ahead.hpp"

namespace smime::mime {

namespace {
constexpr std::string_view k_prefix = "X-SMIME-";
// Nesting deeper than this is not mail; stop recursing there (see below).
constexpr int k_max_depth = limits::k_max_mime_depth;

// Below the depth limit the structure is not followed any more: every line
// that starts with X-SMIME- is dropped, header or not, so no forged field
// survives however deep it hides.
void write_without_smime_lines(Sink& out, std::string_view bytes) {
    util::ReadAhead ahead(bytes);
    const char* start = bytes.data();  // of the lines kept, not written yet
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        std::size_t end = bytes.find('\n', pos);
        std::size_t next = end == std::string_view::npos ? bytes.size() : end + 1;
        if (istarts_with(bytes.substr(pos), k_prefix)) {
            out.write(std::string_view(start, static_cast<std::size_t>(bytes.data() + pos - start)));
            start = bytes.data() + next;
        }
        pos = next;
        ahead.at(pos);
    }
    out.write(std::string_view(start, static_cast<std::size_t>(bytes.data() + bytes.size() - start)));
}

void write_verbatim(Sink& out, std::string_view bytes) { util::write_read_ahead(out, bytes, util::droppable_for(bytes)); }

void strip_into(std::string_view bytes, Sink& out, int depth);

void strip_body(const Entity& entity, Sink& out, int depth) {
    ContentType type = content_type_of(entity);
    if (depth < k_max_depth && type.type == "multipart") {
        auto multipart = split_multipart(entity.body, type.param("boundary"));
        if (multipart) {
            // Copy delimiters and separators verbatim; only part contents change.
            const char* cursor = entity.body.data();
            for (std::string_view part : multipart->parts) {
                out.write(std::string_view(cursor, static_cast<std::size_t>(part.data() - cursor)));
                strip_into(part, out, depth + 1);
                cursor = part.data() + part.size();
            }
            write_verbatim(out, std::string_view(cursor, static_cast<std::size_t>(entity.body.data() +
                                                                                   entity.body.size() - cursor)));
            return;
        }
    }
    if (depth < k_max_depth && type.is("message", "rfc822")) {
        strip_into(entity.body, out, depth + 1);
        return;
    }
    if (depth >= k_max_depth) {
        write_without_smime_lines(out, entity.body);
        return;
    }
    write_verbatim(out, entity.body);
}

void strip_into(std::string_view bytes, Sink& out, int depth) {
    if (!mentions_smime_header(bytes)) {
        write_verbatim(out, bytes);
        return;
    }
    Entity entity = parse_entity(bytes);
    out.write(header_block_without_smime(entity));
    // The blank line (or its absence) between header and body, verbatim.
    const char* separator = entity.header_block.data() + entity.header_block.size();
    if (entity.headers.empty()) {
        separator = bytes.data();
    }
    const char* body = entity.body.data() == nullptr ? bytes.data() + bytes.size() : entity.body.data();
    out.write(std::string_view(separator, static_cast<std::size_t>(body - separator)));
    strip_body(entity, out, depth);
}
}  // namespace

bool is_smime_header(std::string_view name) noexcept { return istarts_with(name, k_prefix); }

bool is_content_header(std::string_view name) noexcept { return istarts_with(name, "Content-"); }

bool mentions_smime_header(std::string_view bytes) noexcept {
    util::ReadAhead ahead(bytes);  // a 100 MB body is scanned with its pages dropped behind
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        ahead.at(pos);
        if (istarts_with(bytes.substr(pos), k_prefix)) {
            return true;
        }
        const void* newline = std::memchr(bytes.data() + pos, '\n', bytes.size() - pos);
        if (newline == nullptr) {
            return false;
        }
        pos = static_cast<std::size_t>(static_cast<const char*>(newline) - bytes.data()) + 1;
    }
    return false;
}

std::string header_block_without_smime(const Entity& entity) {
    std::string out;
    out.reserve(entity.header_block.size());
    for (const auto& field : entity.headers) {
        if (!is_smime_header(field.name)) {
            out.append(field.raw);
        }
    }
    return out;
}

std::string strip_smime_headers(std::string_view entity_bytes) {
    std::string out;
    out.reserve(entity_bytes.size());
    append_without_smime_headers(out, entity_bytes);
    return out;
}

void append_without_smime_headers(std::string& out, std::string_view entity_bytes) {
    StringSink sink(out);
    strip_into(entity_bytes, sink, 0);
}

void write_without_smime_headers(Sink& out, std::string_view entity_bytes) { strip_into(entity_bytes, out, 0); }

std::string status_header(std::string_view name, std::string_view status,
                          const std::vector<std::pair<std::string, std::string>>& params, std::string_view eol) {
    std::string out(name);
    out += ": ";
    out += status;
    for (const auto& [key, value] : params) {
        out += "; ";
        out += key;
        out += "=\"";
        for (char c : value) {
            if (c == '\r' || c == '\n') {
                out.push_back(' ');
                continue;
            }
            if (c == '"' || c == '\\') {
                out.push_back('\\');
            }
            out.push_back(c);
        }
        out.push_back('"');
    }
    out += eol;
    return out;
}

}  // namespace smime::mime
