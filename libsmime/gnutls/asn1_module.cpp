#include "gnutls/asn1_module.hpp"

namespace smime::gtls {

Asn1Node parse_asn1_module(const asn1_static_node* table) {
    asn1_node raw = nullptr;
    char detail[ASN1_MAX_ERROR_DESCRIPTION_SIZE] = {};
    check_asn1(asn1_array2tree(table, &raw, detail), "asn1_array2tree", detail);
    return Asn1Node(raw);
}

}  // namespace smime::gtls
