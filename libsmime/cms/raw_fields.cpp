#include "cms/raw_fields.hpp"

#include <smime/error.hpp>

namespace smime::signature {

namespace {

constexpr std::uint8_t k_sequence = 0x30;
constexpr std::uint8_t k_set = 0x31;
constexpr std::uint8_t k_integer = 0x02;
constexpr std::uint8_t k_oid = 0x06;
constexpr std::uint8_t k_octet_string = 0x04;
constexpr std::uint8_t k_octet_string_constructed = 0x24;  // BER
constexpr std::uint8_t k_context_0 = 0xa0;  // constructed [0]
constexpr std::uint8_t k_context_1 = 0xa1;

// The content of SignedData.signerInfos; content_type gets eContentType.
cms::ByteView signer_infos(cms::ByteView der, cms::ByteView& content_type) {
    cms::Tlv info = cms::read_tlv(der);
    if (info.tag != k_sequence) {
        throw Error(Errc::parse, "not a CMS message");
    }
    cms::TlvReader content_info(info.content);
    content_info.expect(k_oid);
    cms::TlvReader explicit0(content_info.expect(k_context_0).content);
    cms::TlvReader signed_data(explicit0.expect(k_sequence).content);
    signed_data.expect(k_integer);  // version
    signed_data.expect(k_set);      // digestAlgorithms
    cms::TlvReader encap(signed_data.expect(k_sequence).content);
    content_type = encap.expect(k_oid).whole;
    if (signed_data.peek(k_context_0)) {
        signed_data.next();  // certificates
    }
    if (signed_data.peek(k_context_1)) {
        signed_data.next();  // crls
    }
    return signed_data.expect(k_set).content;
}

RawSignerInfo parse_signer_info(cms::ByteView der) {
    RawSignerInfo raw;
    cms::TlvReader fields(der);
    fields.expect(k_integer);  // version
    fields.next();             // sid: issuerAndSerialNumber or [0] subjectKeyIdentifier
    raw.digest_algorithm = fields.expect(k_sequence).whole;
    if (fields.peek(k_context_0)) {
        raw.signed_attrs = fields.next().whole;
    }
    raw.signature_algorithm = fields.expect(k_sequence).whole;
    cms::Tlv signature = fields.next();
    if (signature.tag != k_octet_string && signature.tag != k_octet_string_constructed) {
        throw Error(Errc::parse, "malformed CMS: the signature is not an OCTET STRING");
    }
    for (cms::ByteView chunk : cms::octet_string_chunks(signature)) {
        raw.signature.insert(raw.signature.end(), chunk.begin(), chunk.end());
    }
    return raw;
}

}  // namespace

std::optional<RawSignerInfo> raw_signer_info(cms::ByteView der, unsigned idx) {
    cms::ByteView content_type;
    cms::TlvReader infos(signer_infos(der, content_type));
    for (unsigned i = 0; !infos.empty(); ++i) {
        cms::Tlv info = infos.expect(k_sequence);
        if (i == idx) {
            RawSignerInfo raw = parse_signer_info(info.content);
            raw.content_type = content_type;
            return raw;
        }
    }
    return std::nullopt;
}

SplitSignedData split_signed_data(cms::ByteView der) {
    cms::Tlv info = cms::read_tlv(der);
    if (info.tag != k_sequence) {
        throw Error(Errc::parse, "not a CMS message");
    }
    cms::TlvReader content_info(info.content);
    cms::Tlv type = content_info.expect(k_oid);
    cms::TlvReader explicit0(content_info.expect(k_context_0).content);
    cms::Tlv signed_data = explicit0.expect(k_sequence);
    cms::TlvReader fields(signed_data.content);
    cms::Tlv version = fields.expect(k_integer);
    cms::Tlv digest_algorithms = fields.expect(k_set);
    cms::Tlv encap = fields.expect(k_sequence);
    // certificates, crls, signerInfos: as received
    const std::uint8_t* rest = encap.whole.data() + encap.whole.size();
    cms::ByteView after_encap(rest, static_cast<std::size_t>(signed_data.content.data() + signed_data.content.size() - rest));

    SplitSignedData split;
    cms::TlvReader encap_fields(encap.content);
    cms::Tlv content_type = encap_fields.expect(k_oid);
    if (!encap_fields.empty()) {
        cms::TlvReader econtent(encap_fields.expect(k_context_0).content);
        cms::Tlv octets = econtent.next();
        if (octets.tag != k_octet_string && octets.tag != k_octet_string_constructed) {
            throw Error(Errc::parse, "malformed CMS: the signed content is not an OCTET STRING");
        }
        split.content = cms::octet_string_chunks(octets);
    }

    Bytes encap_without;
    cms::append_tlv(encap_without, k_sequence, content_type.whole);
    Bytes fields_without(version.whole.begin(), version.whole.end());
    fields_without.insert(fields_without.end(), digest_algorithms.whole.begin(), digest_algorithms.whole.end());
    fields_without.insert(fields_without.end(), encap_without.begin(), encap_without.end());
    fields_without.insert(fields_without.end(), after_encap.begin(), after_encap.end());
    Bytes signed_data_without;
    cms::append_tlv(signed_data_without, k_sequence, fields_without);
    Bytes info_without(type.whole.begin(), type.whole.end());
    cms::append_tlv(info_without, k_context_0, signed_data_without);
    cms::append_tlv(split.without_content, k_sequence, info_without);
    return split;
}

cms::ByteView key_algorithm(cms::ByteView der) {
    cms::TlvReader certificate(cms::read_tlv(der).content);
    cms::TlvReader tbs(certificate.expect(k_sequence).content);
    if (tbs.peek(k_context_0)) {
        tbs.next();  // version
    }
    tbs.expect(k_integer);   // serialNumber
    tbs.expect(k_sequence);  // signature
    tbs.expect(k_sequence);  // issuer
    tbs.expect(k_sequence);  // validity
    tbs.expect(k_sequence);  // subject
    cms::TlvReader spki(tbs.expect(k_sequence).content);
    return spki.expect(k_sequence).whole;
}

}  // namespace smime::signature
