#include "cms/recipient_info.hpp"

#include <smime/error.hpp>

namespace smime::cms {

namespace {
// Reads an IssuerAndSerialNumber / SKI choice at prefix.
RecipientId read_rid(asn1_node node, const std::string& prefix, const char* ski_choice, const char* ski_field) {
    RecipientId rid;
    std::string choice(tasn1::read_oid(node, prefix));
    if (choice == "issuerAndSerialNumber") {
        rid.issuer_der = tasn1::read_bytes(node, prefix + ".issuerAndSerialNumber.issuer");
        rid.serial = tasn1::read_bytes(node, prefix + ".issuerAndSerialNumber.serialNumber");
    } else if (choice == ski_choice) {
        rid.ski = tasn1::read_bytes(node, prefix + "." + ski_field);
    } else {
        throw Error(Errc::parse, "malformed CMS: unknown recipient identifier");
    }
    return rid;
}

void write_issuer_serial(asn1_node node, const std::string& prefix, const RecipientId& rid) {
    tasn1::write(node, prefix, std::string("issuerAndSerialNumber"));
    tasn1::write(node, prefix + ".issuerAndSerialNumber.issuer", rid.issuer_der);
    tasn1::write(node, prefix + ".issuerAndSerialNumber.serialNumber", rid.serial);
}

void parse_ktri(ByteView der, std::vector<ParsedRecipient>& out) {
    auto node = tasn1::decode("CMS.RecipientInfo", der);
    ParsedRecipient r;
    r.kind = ParsedRecipient::Kind::ktri;
    r.rid = read_rid(node.get(), "ktri.rid", "subjectKeyIdentifier", "subjectKeyIdentifier");
    r.key_algorithm = tasn1::read_algorithm(node.get(), "ktri.keyEncryptionAlgorithm");
    r.encrypted_key = tasn1::read_bytes(node.get(), "ktri.encryptedKey");
    out.push_back(std::move(r));
}

void parse_kari(ByteView der, std::vector<ParsedRecipient>& out) {
    auto node = tasn1::decode("CMS.RecipientInfo", der);
    asn1_node n = node.get();
    if (tasn1::read_oid(n, "kari.originator") != "originatorKey") {
        throw Error(Errc::parse, "unsupported key agreement: originator is not an ephemeral key");
    }
    ParsedRecipient base;
    base.kind = ParsedRecipient::Kind::kari;
    base.originator_point = tasn1::read_bit_string(n, "kari.originator.originatorKey.publicKey");
    if (auto ukm = tasn1::read_optional(n, "kari.ukm")) {
        base.ukm = std::move(*ukm);
    }
    base.key_algorithm = tasn1::read_algorithm(n, "kari.keyEncryptionAlgorithm");
    int count = 0;
    gtls::check_asn1(asn1_number_of_elements(n, "kari.recipientEncryptedKeys", &count), "asn1_number_of_elements");
    for (int i = 1; i <= count; ++i) {
        std::string prefix = "kari.recipientEncryptedKeys.?" + std::to_string(i);
        ParsedRecipient r = base;
        r.rid = read_rid(n, prefix + ".rid", "rKeyId", "rKeyId.subjectKeyIdentifier");
        r.encrypted_key = tasn1::read_bytes(n, prefix + ".encryptedKey");
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

Bytes build_ktri(const RecipientId& rid, const tasn1::AlgorithmId& key_algorithm, ByteView encrypted_key) {
    auto node = tasn1::make_node("CMS.RecipientInfo");
    asn1_node n = node.get();
    tasn1::write(n, "", std::string("ktri"));
    if (rid.issuer_der.empty()) {
        tasn1::write(n, "ktri.version", std::string("2"));
        tasn1::write(n, "ktri.rid", std::string("subjectKeyIdentifier"));
        tasn1::write(n, "ktri.rid.subjectKeyIdentifier", rid.ski);
    } else {
        tasn1::write(n, "ktri.version", std::string("0"));
        write_issuer_serial(n, "ktri.rid", rid);
    }
    tasn1::write_algorithm(n, "ktri.keyEncryptionAlgorithm", key_algorithm);
    tasn1::write(n, "ktri.encryptedKey", encrypted_key);
    return tasn1::encode(n);
}

Bytes build_kari(const RecipientId& rid, ByteView originator_point, const tasn1::AlgorithmId& key_agreement,
                 ByteView encrypted_key) {
    auto node = tasn1::make_node("CMS.RecipientInfo");
    asn1_node n = node.get();
    tasn1::write(n, "", std::string("kari"));
    tasn1::write(n, "kari.version", std::string("3"));
    tasn1::write(n, "kari.originator", std::string("originatorKey"));
    tasn1::write(n, "kari.originator.originatorKey.algorithm.algorithm", std::string("1.2.840.10045.2.1"));
    tasn1::write_absent(n, "kari.originator.originatorKey.algorithm.parameters");
    tasn1::write_bit_string(n, "kari.originator.originatorKey.publicKey", originator_point);
    tasn1::write_absent(n, "kari.ukm");
    tasn1::write_algorithm(n, "kari.keyEncryptionAlgorithm", key_agreement);
    tasn1::write(n, "kari.recipientEncryptedKeys", std::string("NEW"));
    const std::string prefix = "kari.recipientEncryptedKeys.?LAST";
    if (rid.issuer_der.empty()) {
        tasn1::write(n, prefix + ".rid", std::string("rKeyId"));
        tasn1::write(n, prefix + ".rid.rKeyId.subjectKeyIdentifier", rid.ski);
        tasn1::write_absent(n, prefix + ".rid.rKeyId.date");
        tasn1::write_absent(n, prefix + ".rid.rKeyId.other");
    } else {
        write_issuer_serial(n, prefix + ".rid", rid);
    }
    tasn1::write(n, prefix + ".encryptedKey", encrypted_key);
    return tasn1::encode(n);
}

}  // namespace smime::cms
