#include "mime/depth.hpp"

#include <string>

#include <smime/limits.hpp>

#include "mime/entity.hpp"

namespace smime::mime {

bool nested_deeper_than(std::string_view entity_bytes, int limit) {
    Entity entity = parse_entity(entity_bytes);
    ContentType type = content_type_of(entity);
    if (type.is("message", "rfc822")) {
        return limit == 0 || nested_deeper_than(entity.body, limit - 1);
    }
    if (type.type != "multipart") {
        return false;
    }
    auto multipart = split_multipart(entity.body, type.param("boundary"));
    if (!multipart || multipart->parts.empty()) {
        return false;
    }
    if (limit == 0) {
        return true;
    }
    for (std::string_view part : multipart->parts) {
        if (nested_deeper_than(part, limit - 1)) {
            return true;
        }
    }
    return false;
}

std::string_view too_deep_reason() noexcept {
    static const std::string reason =
        "the MIME structure is nested deeper than " + std::to_string(limits::k_max_mime_depth) + " levels";
    return reason;
}

}  // namespace smime::mime
