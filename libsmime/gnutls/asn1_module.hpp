// An ASN.1 module compiled by asn1Parser (cms.asn, x509.asn), parsed once.
#pragma once

#include "gnutls/handle.hpp"

namespace smime::gtls {

// The definitions of table; the caller keeps them for the life of the
// process (gnutls keeps pkix.asn the same way). Throws Error{Errc::parse}.
Asn1Node parse_asn1_module(const asn1_static_node* table);

}  // namespace smime::gtls
