#include <smime/pass_through.hpp>

#include "mime/entity.hpp"
#include "mime/headers.hpp"

namespace smime {

namespace {

std::string_view header_name(const StatusLine& line) {
    return line.op == "decrypt" ? "X-SMIME-Encryption" : "X-SMIME-Signature";
}

// The envelope line (if any) and our field, in the line ends of the message.
std::string front(std::string_view envelope, const mime::Entity& message, const StatusLine& line) {
    std::string out(envelope);
    out += mime::status_header(header_name(line), to_string(line.status), line.fields, message.eol);
    return out;
}

}  // namespace

StatusLine error_status(std::string_view op, std::string reason) {
    return StatusLine{std::string(op), Status::error, {{"reason", std::move(reason)}}};
}

std::string passed_through(std::string_view message, const StatusLine& line) {
    std::string_view envelope = mime::take_envelope_line(message);
    std::string out = front(envelope, mime::parse_entity(message), line);
    out.reserve(out.size() + message.size());
    mime::append_without_smime_headers(out, message);
    return out;
}

std::string passed_through_head(std::string_view head, const StatusLine& line) {
    std::string_view envelope = mime::take_envelope_line(head);
    mime::Entity entity = mime::parse_entity(head);
    std::string out = front(envelope, entity, line);
    out.reserve(out.size() + head.size());
    if (entity.headers.empty()) {
        out.append(head);  // no header section: nothing to clean
        return out;
    }
    out.append(mime::header_block_without_smime(entity));
    // The rest (blank line, start of the body) verbatim; the body itself is
    // not followed into its parts, it is not all here.
    out.append(head.substr(entity.header_block.size()));
    return out;
}

}  // namespace smime
