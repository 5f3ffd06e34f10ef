#include "cms/recipient_info.hpp"

#include <smime/error.hpp>

namespace smime::cms {

namespace {
// Reads an IssuerAndSerialNumber / SKI choice at prefix.
RecipientId read_rid(asn1_node node, const std::string& prefix, const char* ski_choice, const char* ski_field) {
    RecipientId rid;
    std::string choice(read_oid(node, prefix));
    if (choice == "issuerAndSerialNumber") {
        rid.issuer_der = read_bytes(node, prefix + ".issuerAndSerialNumber.issuer");
        rid.serial = read_bytes(node, prefix + ".issuerAndSerialNumber.serialNumber");
    } else if (choice == ski_choice) {
        rid.ski = read_bytes(node, prefix + "." + ski_field);
    } else {
        throw Error(Errc::parse, "malformed CMS: unknown recipient identifier");
    }
    return rid;
}

void write_issuer_serial(asn1_node node, const std::string& prefix, const RecipientId& rid) {
    write(node, prefix, std::string("issuerAndSerialNumber"));
    write(node, prefix + ".issuerAndSerialNumber.issuer", rid.issuer_der);
    write(node, prefix + ".issuerAndSerialNumber.serialNumber", rid.serial);
}

void parse_ktri(ByteView der, std::vector<ParsedRecipient>& out) {
    auto node = decode("CMS.RecipientInfo", der);
    ParsedRecipient r;
    r.kind = ParsedRecipient::Kind::ktri;
    r.rid = read_rid(node.get(), "ktri.rid", "subjectKeyIdentifier", "subjectKeyIdentifier");
    r.key_algorithm = read_algorithm(node.get(), "ktri.keyEncryptionAlgorithm");
    r.encrypted_key = read_bytes(node.get(), "ktri.encryptedKey");
    out.push_back(std::move(r));
}

void parse_kari(ByteView der, std::vector<ParsedRecipient>& out) {
    auto node = decode("CMS.RecipientInfo", der);
    asn1_node n = node.get();
    if (read_oid(n, "kari.originator") != "originatorKey") {
        throw Error(Errc::parse, "unsupported key agreement: originator is not an ephemeral key");
    }
    ParsedRecipient base;
    base.kind = ParsedRecipient::Kind::kari;
    base.originator_point = read_bit_string(n, "kari.originator.originatorKey.publicKey");
    if (auto ukm = read_optional(n, "kari.ukm")) {
        base.ukm = std::move(*ukm);
    }
    base.key_algorithm = read_algorithm(n, "kari.keyEncryptionAlgorithm");
    int count = 0;
    gtls::check_asn1(asn1_number_of_elements(n, "kari.recipientEncryptedKeys", &count), "asn1_number_of_elements");
    for (int i = 1; i <= count; ++i) {
        std::string prefix = "kari.recipientEncryptedKeys.?" + std::to_string(i);
        ParsedRecipient r = base;
        r.rid = read_rid(n, prefix + ".rid", "rKeyId", "rKeyId.subjectKeyIdentifier");
        r.encrypted_key = read_bytes(n, prefix + ".encryptedKey");
        out.push_back(std::move(r));
    }
}
}  // namespace

std::vector<ParsedRecipient> parse_recipient_infos(ByteView set_content) {
    std::vector<ParsedRecipient> out;
    TlvReader reader(set_content);
    while (!reader.empty()) {
        Tlv ri = reader.next();
        if (ri.tag == 0x30) {
            parse_ktri(ri.whole, out);
        } else if (ri.tag == 0xa1) {
            parse_kari(ri.whole, out);
        }  // kekri [2], pwri [3], ori [4]: not for us
    }
    return out;
}

Bytes build_ktri(const RecipientId& rid, const AlgorithmId& key_algorithm, ByteView encrypted_key) {
    auto node = make_node("CMS.RecipientInfo");
    asn1_node n = node.get();
    write(n, "", std::string("ktri"));
    if (rid.issuer_der.empty()) {
        write(n, "ktri.version", std::string("2"));
        write(n, "ktri.rid", std::string("subjectKeyIdentifier"));
        write(n, "ktri.rid.subjectKeyIdentifier", rid.ski);
    } else {
        write(n, "ktri.version", std::string("0"));
        write_issuer_serial(n, "ktri.rid", rid);
    }
    write_algorithm(n, "ktri.keyEncryptionAlgorithm", key_algorithm);
    write(n, "ktri.encryptedKey", encrypted_key);
    return encode(n);
}

Bytes build_kari(const RecipientId& rid, ByteView originator_point, const AlgorithmId& key_agreement,
                 ByteView encrypted_key) {
    auto node = make_node("CMS.RecipientInfo");
    asn1_node n = node.get();
    write(n, "", std::string("kari"));
    write(n, "kari.version", std::string("3"));
    write(n, "kari.originator", std::string("originatorKey"));
    write(n, "kari.originator.originatorKey.algorithm.algorithm", std::string("1.2.840.10045.2.1"));
    write_absent(n, "kari.originator.originatorKey.algorithm.parameters");
    write_bit_string(n, "kari.originator.originatorKey.publicKey", originator_point);
    write_absent(n, "kari.ukm");
    write_algorithm(n, "kari.keyEncryptionAlgorithm", key_agreement);
    write(n, "kari.recipientEncryptedKeys", std::string("NEW"));
    const std::string prefix = "kari.recipientEncryptedKeys.?LAST";
    if (rid.issuer_der.empty()) {
        write(n, prefix + ".rid", std::string("rKeyId"));
        write(n, prefix + ".rid.rKeyId.subjectKeyIdentifier", rid.ski);
        write_absent(n, prefix + ".rid.rKeyId.date");
        write_absent(n, prefix + ".rid.rKeyId.other");
    } else {
        write_issuer_serial(n, prefix + ".rid", rid);
    }
    write(n, prefix + ".encryptedKey", encrypted_key);
    return encode(n);
}

}  // namespace smime::cms
