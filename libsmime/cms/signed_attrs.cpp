#include "cms/signed_attrs.hpp"

#include <algorithm>
#include <optional>

namespace smime::signature {

namespace {

constexpr const char* k_oid_content_type = "1.2.840.113549.1.9.3";
constexpr const char* k_oid_message_digest = "1.2.840.113549.1.9.4";

// The single value of an attribute's SET OF AttributeValue; nullopt when
// there are none or several.
std::optional<cms::Tlv> single_value(cms::ByteView values) {
    cms::TlvReader reader(values);
    if (reader.empty()) {
        return std::nullopt;
    }
    cms::Tlv value = reader.next();
    if (!reader.empty()) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

bool attributes_bind(cms::ByteView signed_attrs, cms::ByteView content_type, cms::ByteView digest) {
    const Bytes content_type_oid = cms::oid_der(k_oid_content_type);
    const Bytes message_digest_oid = cms::oid_der(k_oid_message_digest);
    int digests = 0;
    int content_types = 0;
    cms::TlvReader attrs(cms::read_tlv(signed_attrs).content);
    while (!attrs.empty()) {
        cms::TlvReader attr(attrs.expect(0x30).content);
        cms::ByteView type = attr.expect(0x06).whole;
        auto value = single_value(attr.expect(0x31).content);
        if (!attr.empty()) {
            return false;  // an Attribute is exactly type and values
        }
        if (std::ranges::equal(type, message_digest_oid)) {
            // An OCTET STRING holding the digest (primitive: DER).
            if (++digests > 1 || !value || value->tag != 0x04 || !std::ranges::equal(value->content, digest)) {
                return false;
            }
        } else if (std::ranges::equal(type, content_type_oid)) {
            if (++content_types > 1 || !value || !std::ranges::equal(value->whole, content_type)) {
                return false;
            }
        }
    }
    return digests == 1;
}

}  // namespace smime::signature
