#include "cms/envelope.hpp"

#include <algorithm>

#include <smime/error.hpp>

#include "cms/oids.hpp"

namespace smime::cms {

namespace {
std::string oid_text(const Tlv& tlv) {
    if (tlv.tag != 0x06 || tlv.content.empty()) {
        throw Error(Errc::parse, "malformed CMS: expected an object identifier");
    }
    std::string out;
    unsigned long arc = 0;
    bool first = true;
    for (std::uint8_t b : tlv.content) {
        arc = (arc << 7) | (b & 0x7f);
        if (b & 0x80) {
            continue;
        }
        if (first) {
            unsigned long top = arc < 80 ? arc / 40 : 2;
            out = std::to_string(top) + "." + std::to_string(arc - top * 40);
            first = false;
        } else {
            out += "." + std::to_string(arc);
        }
        arc = 0;
    }
    return out;
}

// ContentInfo -> (contentType, [0] content TLV)
std::pair<std::string, Tlv> open_content_info(ByteView der) {
    Tlv info = read_tlv(der);
    if (info.tag != 0x30) {
        throw Error(Errc::parse, "not a CMS message");
    }
    TlvReader reader(info.content);
    std::string type = oid_text(reader.expect(0x06));
    Tlv explicit0 = reader.expect(0xa0);
    TlvReader inner(explicit0.content);
    return {type, inner.next()};
}
}  // namespace

std::string content_type(ByteView der) { return open_content_info(der).first; }

ParsedEnvelope parse_envelope(ByteView der) {
    auto [type, body] = open_content_info(der);
    ParsedEnvelope env;
    if (type == oid::auth_enveloped_data) {
        env.authenticated = true;
    } else if (type != oid::enveloped_data) {
        throw Error(Errc::parse, "not an encrypted CMS message");
    }
    if (body.tag != 0x30) {
        throw Error(Errc::parse, "malformed CMS: EnvelopedData is not a SEQUENCE");
    }
    TlvReader reader(body.content);
    reader.expect(0x02);  // version
    if (reader.peek(0xa0)) {
        reader.next();  // originatorInfo: certificates and CRLs we do not need
    }
    env.recipient_infos = reader.expect(0x31).content;
    Tlv eci = reader.expect(0x30);
    TlvReader eci_reader(eci.content);
    if (oid_text(eci_reader.expect(0x06)) != oid::data) {
        // Only id-data content is used by S/MIME; anything else is not for us.
        throw Error(Errc::parse, "unsupported encrypted content type");
    }
    env.content_algorithm = eci_reader.expect(0x30).whole;
    if (eci_reader.empty()) {
        throw Error(Errc::parse, "malformed CMS: no encrypted content (detached content is not supported)");
    }
    Tlv content = eci_reader.next();
    if (content.tag != 0x80 && content.tag != 0xa0) {
        throw Error(Errc::parse, "malformed CMS: bad encryptedContent");
    }
    env.encrypted_content = octet_string_chunks(content);
    if (env.authenticated) {
        if (reader.peek(0xa1)) {
            env.auth_attrs = reader.next().whole;
        }
        Tlv mac = reader.expect(0x04);
        env.mac = mac.content;
    }
    return env;
}

EnvelopeLayout build_envelope(bool authenticated, std::vector<Bytes> recipient_infos, bool any_kari_or_ski,
                              ByteView content_algorithm, std::size_t content_size, std::size_t mac_size) {
    // DER wants SET OF elements in order of their encodings.
    std::sort(recipient_infos.begin(), recipient_infos.end());
    Bytes ris;
    for (const auto& ri : recipient_infos) {
        ris.insert(ris.end(), ri.begin(), ri.end());
    }
    Bytes type = oid_der(authenticated ? oid::auth_enveloped_data : oid::enveloped_data);
    Bytes data = oid_der(oid::data);
    // version: AuthEnvelopedData 0; EnvelopedData 2 with a kari or an SKI rid, else 0.
    const std::uint8_t version = (!authenticated && any_kari_or_ski) ? 2 : 0;

    std::size_t eci_len = data.size() + content_algorithm.size() + header_size(content_size) + content_size;
    std::size_t env_len = 3 + header_size(ris.size()) + ris.size() + header_size(eci_len) + eci_len;
    if (authenticated) {
        env_len += header_size(mac_size) + mac_size;
    }
    std::size_t explicit_len = header_size(env_len) + env_len;
    std::size_t info_len = type.size() + header_size(explicit_len) + explicit_len;

    EnvelopeLayout layout;
    Bytes& out = layout.prefix;
    append_header(out, 0x30, info_len);
    out.insert(out.end(), type.begin(), type.end());
    append_header(out, 0xa0, explicit_len);
    append_header(out, 0x30, env_len);
    out.insert(out.end(), {0x02, 0x01, version});
    append_tlv(out, 0x31, ris);
    append_header(out, 0x30, eci_len);
    out.insert(out.end(), data.begin(), data.end());
    out.insert(out.end(), content_algorithm.begin(), content_algorithm.end());
    append_header(out, 0x80, content_size);
    if (authenticated) {
        append_header(layout.mac_header, 0x04, mac_size);
    }
    return layout;
}

}  // namespace smime::cms
