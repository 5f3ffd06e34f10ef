#include "ops/decrypt_nested.hpp"

#include <gmime/gmime.h>

#include <smime/limits.hpp>

#include "gmime/object_ptr.hpp"
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

bool walk(GMimeObject* object, int depth) {
    if (object == nullptr || depth > limits::k_max_mime_depth) {
        return false;
    }
    if (GMIME_IS_MULTIPART(object)) {
        auto* multipart = GMIME_MULTIPART(object);
        int count = g_mime_multipart_get_count(multipart);
        for (int i = 0; i < count; ++i) {
            if (walk(g_mime_multipart_get_part(multipart, i), depth + 1)) {  // (transfer none)
                return true;
            }
        }
        return false;
    }
    if (GMIME_IS_MESSAGE_PART(object)) {
        return false;  // a forwarded message is an attachment
    }
    const char* value = g_mime_object_get_header(object, "Content-Type");
    return value != nullptr && encrypted(mime::parse_content_type(value));
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
    auto stream = gmime::ObjectPtr<GMimeStream>::adopt(
        g_mime_stream_mem_new_with_buffer(message.data(), message.size()));
    auto parser = gmime::ObjectPtr<GMimeParser>::adopt(g_mime_parser_new_with_stream(stream.get()));
    auto parsed = gmime::ObjectPtr<GMimeMessage>::adopt(g_mime_parser_construct_message(parser.get(), nullptr));
    if (!parsed) {
        return false;
    }
    return walk(g_mime_message_get_mime_part(parsed.get()), 0);  // (transfer none)
}

}  // namespace smime::cms
