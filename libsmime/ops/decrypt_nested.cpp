#include "ops/decrypt_nested.hpp"

#include <smime/limits.hpp>

#include "mime/depth.hpp"
#include "mime/entity.hpp"

namespace smime::cms {

namespace {
bool encrypted(const mime::ContentType& ct) {
    if (!ct.is("application", "pkcs7-mime") && !ct.is("application", "x-pkcs7-mime")) {
        return false;
    }
    if (!ct.has_param("smime-type")) {
        std::string name = ct.param("name");
        return name.size() >= 4 && mime::iequals(std::string_view(name).substr(name.size() - 4), ".p7m");
    }
    std::string smime_type = ct.param("smime-type");
    return mime::iequals(smime_type, "enveloped-data") || mime::iequals(smime_type, "authenveloped-data");
}

// Read with the same parser as every other path (mime/entity): a part that
// verify or a mail reader would see as encrypted is seen so here.
bool walk(std::string_view bytes, int depth) {
    if (depth > limits::k_max_mime_depth) {
        return false;
    }
    mime::Entity entity = mime::parse_entity(bytes);
    mime::ContentType type = mime::content_type_of(entity);
    if (type.type == "multipart") {
        auto multipart = mime::split_multipart(entity.body, type.param("boundary"));
        if (!multipart) {
            return false;
        }
        for (std::string_view part : multipart->parts) {
            if (walk(part, depth + 1)) {
                return true;
            }
        }
        return false;
    }
    if (type.type == "message") {
        return false;  // a forwarded message is an attachment
    }
    return encrypted(type);
}
}  // namespace

bool is_encrypted_type(std::string_view content_type_value) {
    return encrypted(mime::parse_content_type(content_type_value));
}

std::optional<std::string> too_deep_reason(std::string_view message) {
    if (!mime::nested_deeper_than(message, limits::k_max_mime_depth)) {
        return std::nullopt;
    }
    return std::string(mime::too_deep_reason());
}

bool has_nested_encrypted_part(std::string_view message) {
    return walk(message, 0);
}

}  // namespace smime::cms
