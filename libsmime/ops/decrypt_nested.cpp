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

}  // namespace

bool is_encrypted_type(const mime::ContentType& type) { return encrypted(type); }

std::optional<std::string> too_deep_reason(std::string_view message) {
    if (!mime::nested_deeper_than(message, limits::k_max_mime_depth)) {
        return std::nullopt;
    }
    return std::string(mime::too_deep_reason());
}

// Read with the same reader as every other path (mime::any_part): a part
// that verify or a mail reader would see as encrypted is seen so here.
bool has_nested_encrypted_part(const mime::Entity& message, const mime::ContentType& type) {
    return mime::any_part(message, type, [](const mime::Entity&, const mime::ContentType& part_type) {
        return encrypted(part_type);
    }, limits::k_max_mime_depth);
}

}  // namespace smime::cms
