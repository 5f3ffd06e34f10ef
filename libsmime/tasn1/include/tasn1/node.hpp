// The one libtasn1 accessor set, over the two ASN.1 modules GnuTLS does not
// decode for us: cms.asn ("CMS." types) and x509.asn ("X509." types). The
// module is chosen by the type name's prefix. Every failure to decode or
// read is Error{Errc::parse}.
#pragma once

#include <optional>
#include <span>
#include <string>

#include <smime/bytes.hpp>

#include "gnutls/handle.hpp"
#include "tasn1/module.hpp"

namespace smime::tasn1 {

// A fresh structure, e.g. "CMS.KeyTransRecipientInfo" or "X509.RDNSequence".
gtls::Asn1Node make_node(const char* type);
// make_node + DER/BER decoding of the whole input.
gtls::Asn1Node decode(const char* type, std::span<const std::uint8_t> der);
Bytes encode(asn1_node node);

// Does the element have a value (an OPTIONAL field present)?
bool has(asn1_node node, const std::string& name);
// The number of items of a SEQUENCE OF / SET OF ("" for the top level);
// 0 when an OPTIONAL one is absent.
int count(asn1_node node, const std::string& name);
// The path of the i-th item (from 1) of a SEQUENCE OF / SET OF ("" for the
// top level): "list.?i".
std::string item(const std::string& list, int i);

// A value: string, OCTET STRING or INTEGER contents, ANY as DER, a CHOICE's
// alternative name, an OBJECT IDENTIFIER as dotted text. nullopt (or, for
// read_bytes, Error) when an OPTIONAL field is absent.
std::optional<Bytes> read_optional(asn1_node node, const std::string& name);
Bytes read_bytes(asn1_node node, const std::string& name);
// A value as text up to its first NUL (libtasn1 NUL-terminates OIDs and
// choice names; a string with a NUL inside is cut there, never extended).
std::string read_text(asn1_node node, const std::string& name);
inline std::string read_oid(asn1_node node, const std::string& name) { return read_text(node, name); }
// A small non-negative INTEGER (skip counts; huge ones saturate);
// nullopt when the OPTIONAL field is absent.
std::optional<unsigned> read_count(asn1_node node, const std::string& name);
using gtls::read_der;  // the DER of a sub-structure, tag and length included
// The DER of an element (tag and length included), as a part of der, the
// input that node was decoded from.
std::span<const std::uint8_t> der_of(asn1_node node, std::span<const std::uint8_t> der, const std::string& name);

void write(asn1_node node, const std::string& name, std::span<const std::uint8_t> value);
void write(asn1_node node, const std::string& name, const std::string& text);  // OID, choice, INTEGER text
void write_absent(asn1_node node, const std::string& name);

// An AlgorithmIdentifier: OID and parameters (DER; empty when absent).
struct AlgorithmId {
    std::string oid;
    Bytes parameters;
};
AlgorithmId read_algorithm(asn1_node node, const std::string& prefix);
void write_algorithm(asn1_node node, const std::string& prefix, const AlgorithmId& alg);
AlgorithmId parse_algorithm(std::span<const std::uint8_t> der);
// DER of AlgorithmIdentifier { oid, parameters (DER, may be empty = absent) }.
Bytes algorithm_identifier(const std::string& oid, std::span<const std::uint8_t> parameters_der = {});

// BIT STRING contents as bytes (whole octets) and back.
Bytes read_bit_string(asn1_node node, const std::string& name);
void write_bit_string(asn1_node node, const std::string& name, std::span<const std::uint8_t> bytes);

}  // namespace smime::tasn1
