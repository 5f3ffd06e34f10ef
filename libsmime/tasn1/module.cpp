#include "tasn1/module.hpp"

namespace smime::gtls {

Asn1Node parse_asn1_module(const asn1_static_node* table) {
    asn1_node raw = nullptr;
    char detail[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = {};
    check_asn1(asn1_array2tree(table, &raw, detail), "asn1_array2tree", detail);
    return Asn1Node(raw);
}

Asn1Node make_node(asn1_node definitions, const char* type) {
    asn1_node raw = nullptr;
    check_asn1(asn1_create_element(definitions, type, &raw), "asn1_create_element", type);
    return Asn1Node(raw);
}

Asn1Node decode(asn1_node definitions, const char* type, std::span<const std::uint8_t> der) {
    auto node = make_node(definitions, type);
    // On error libtasn1 deletes the structure itself and sets the pointer to
    // NULL, so it must not stay owned across the call (found by fuzz_message).
    asn1_node raw = node.release();
    char detail[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = {};
    int rc = asn1_der_decoding(&raw, der.data(), static_cast<int>(der.size()), detail);
    node.reset(raw);
    check_asn1(rc, type, detail);
    return node;
}

Bytes read_der(asn1_node node, const std::string& name) {
    int len = 0;
    int rc = asn1_der_coding(node, name.c_str(), nullptr, &len, nullptr);
    if (rc != ASN1_MEM_ERROR) {
        check_asn1(rc, "asn1_der_coding", name.c_str());
    }
    Bytes out(static_cast<size_t>(len));
    check_asn1(asn1_der_coding(node, name.c_str(), out.data(), &len, nullptr), "asn1_der_coding", name.c_str());
    out.resize(static_cast<size_t>(len));
    return out;
}

}  // namespace smime::gtls
