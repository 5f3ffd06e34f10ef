// An ASN.1 module compiled by asn1Parser (cms.asn, x509.asn), parsed once,
// and the libtasn1 calls every module needs: create, decode, re-encode a part.
#pragma once

#include <span>
#include <string>

#include <smime/bytes.hpp>

#include "gnutls/handle.hpp"

namespace smime::gtls {

// The definitions of table; the caller keeps them for the life of the
// process (gnutls keeps pkix.asn the same way). Throws Error{Errc::parse}.
Asn1Node parse_asn1_module(const asn1_static_node* table);

// A fresh structure of a type of definitions, e.g. "CMS.KeyTransRecipientInfo".
Asn1Node make_node(asn1_node definitions, const char* type);
// make_node + DER/BER decoding of the whole input; Error{Errc::parse} when it does not decode.
Asn1Node decode(asn1_node definitions, const char* type, std::span<const std::uint8_t> der);
// The DER of a sub-structure, tag and length included.
Bytes read_der(asn1_node node, const std::string& name);

}  // namespace smime::gtls
