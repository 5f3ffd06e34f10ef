#include "ops/verify_locate.hpp"

#include <algorithm>
#include <array>

#include <smime/limits.hpp>

#include "mime/codec.hpp"

namespace smime::signature {

namespace {

constexpr int k_max_depth = limits::k_max_mime_depth;

bool ends_with_ci(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && mime::iequals(text.substr(text.size() - suffix.size()), suffix);
}

// The signature part of a multipart/signed (also x-pkcs7 and the
// octet-stream + .p7s that some clients send).
bool is_signature_part(const mime::Entity& part, const mime::ContentType& type) {
    if (type.type == "application" && (type.subtype == "pkcs7-signature" || type.subtype == "x-pkcs7-signature")) {
        return true;
    }
    return type.is("application", "octet-stream") && ends_with_ci(mime::file_name_of(part, type), ".p7s");
}

// A body that may hold opaque signed-data; confirmed by looking at the DER.
bool may_be_signed_data(const mime::Entity& entity, const mime::ContentType& type) {
    if (type.type == "application" && (type.subtype == "pkcs7-mime" || type.subtype == "x-pkcs7-mime")) {
        std::string smime_type = type.param("smime-type");
        return smime_type.empty() || mime::iequals(smime_type, "signed-data");
    }
    if (type.is("application", "octet-stream")) {
        std::string name = mime::file_name_of(entity, type);
        return ends_with_ci(name, ".p7m") || ends_with_ci(name, ".p7s");
    }
    return false;
}

std::string transfer_encoding(const mime::Entity& entity) {
    const mime::HeaderField* field = entity.find("Content-Transfer-Encoding");
    return field == nullptr ? std::string() : mime::unfold(field->value);
}

// The body decoded, or nullptr when it is not valid in its encoding.
std::unique_ptr<SpillBuffer> decoded_body(const mime::Entity& entity) {
    auto decoded = std::make_unique<SpillBuffer>();
    if (!mime::decode_body_to(*decoded, entity.body, transfer_encoding(entity))) {
        return nullptr;
    }
    return decoded;
}

std::span<const std::uint8_t> bytes_of(SpillBuffer& buffer) {
    std::string_view view = buffer.view();
    return {reinterpret_cast<const std::uint8_t*>(view.data()), view.size()};
}

bool is_signed_multipart(const mime::ContentType& type) {
    if (!type.is("multipart", "signed")) {
        return false;
    }
    std::string protocol = type.param("protocol");
    return mime::iequals(protocol, "application/pkcs7-signature") ||
           mime::iequals(protocol, "application/x-pkcs7-signature");
}

// Is there a signature somewhere below this multipart?
bool contains_signature(const mime::Entity& entity, const mime::ContentType& type) {
    return mime::any_part(entity, type, [](const mime::Entity& part, const mime::ContentType& part_type) {
        if (is_signed_multipart(part_type)) {
            return true;
        }
        if (!may_be_signed_data(part, part_type)) {
            return false;
        }
        auto der = decoded_body(part);
        return der && looks_like_signed_data(bytes_of(*der));
    }, k_max_depth);
}

Located detached(const mime::Entity& message, const mime::ContentType& type) {
    Located result;
    auto multipart = mime::split_multipart(message.body, type.param("boundary"));
    if (!multipart || multipart->parts.size() != 2) {
        result.kind = Found::malformed;
        result.reason = "multipart/signed does not have exactly two parts";
        return result;
    }
    mime::Entity signature = mime::parse_entity(multipart->parts[1]);
    mime::ContentType signature_type = mime::content_type_of(signature);
    if (!is_signature_part(signature, signature_type)) {
        result.kind = Found::malformed;
        result.reason = "the second part of multipart/signed is " + signature_type.type + "/" +
                        signature_type.subtype + ", not an S/MIME signature";
        return result;
    }
    auto der = decoded_body(signature);
    if (!der || der->empty()) {
        result.kind = Found::malformed;
        result.reason = "the signature part is not valid base64";
        return result;
    }
    result.kind = Found::detached;
    result.content = multipart->parts[0];
    result.der = bytes_of(*der);
    result.der_store = std::move(der);
    return result;
}

}  // namespace

bool looks_like_signed_data(std::span<const std::uint8_t> der) noexcept {
    // SEQUENCE (any length form) then OBJECT IDENTIFIER 1.2.840.113549.1.7.2
    static constexpr std::array<std::uint8_t, 11> k_oid = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
                                                           0xf7, 0x0d, 0x01, 0x07, 0x02};
    if (der.size() < 2 + k_oid.size() || der[0] != 0x30) {
        return false;
    }
    std::size_t header = 2;
    if (der[1] > 0x80) {
        header += der[1] & 0x7f;
    }
    return der.size() >= header + k_oid.size() && std::equal(k_oid.begin(), k_oid.end(), der.begin() + header);
}

Located locate_signature(const mime::Entity& message) {
    mime::ContentType type = mime::content_type_of(message);
    if (is_signed_multipart(type)) {
        return detached(message, type);
    }
    Located result;
    if (type.is("multipart", "signed")) {
        result.reason = "not an S/MIME signature (protocol \"" + type.param("protocol") + "\")";
        return result;
    }
    if (may_be_signed_data(message, type)) {
        auto der = decoded_body(message);
        if (der && looks_like_signed_data(bytes_of(*der))) {
            result.kind = Found::opaque;
            result.der = bytes_of(*der);
            result.der_store = std::move(der);
            return result;
        }
        std::string smime_type = type.param("smime-type");
        if (mime::iequals(smime_type, "signed-data")) {
            result.kind = Found::malformed;
            result.reason = "the signed-data body is not a CMS SignedData";
            return result;
        }
        result.reason = "the message is not signed (" + (smime_type.empty() ? type.subtype : smime_type) + ")";
        return result;
    }
    if (contains_signature(message, type)) {
        result.kind = Found::partial;
        result.reason = "only part of the message is signed";
        return result;
    }
    result.reason = "the message is not signed";
    return result;
}

}  // namespace smime::signature
