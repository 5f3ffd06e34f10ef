// libtasn1 over x509.asn: create or decode a structure, read its values.
// Every failure is Error{Errc::parse}.
#pragma once

#include <optional>
#include <span>
#include <string>

#include <smime/bytes.hpp>

#include "gnutls/handle.hpp"

namespace smime::x509::asn1 {

// A fresh structure of x509.asn (e.g. "X509.RDNSequence"), to write and encode.
gtls::Asn1Node make_node(const char* type);

// A structure of x509.asn (e.g. "X509.PolicyMappings") decoded from DER.
gtls::Asn1Node decode(const char* type, std::span<const std::uint8_t> der);

// Does the element have a value (an OPTIONAL INTEGER present)?
bool has(asn1_node node, const std::string& name);

// The number of items of a SEQUENCE OF / SET OF ("" for the top level);
// 0 when an OPTIONAL one is absent.
int count(asn1_node node, const std::string& name);

// The path of the i-th item (from 1) of a SEQUENCE OF / SET OF ("" for the
// top level): "list.?i".
std::string item(const std::string& list, int i);

// Contents of a string, OCTET STRING or INTEGER; a CHOICE's alternative
// name; an OBJECT IDENTIFIER as dotted text.
Bytes read_bytes(asn1_node node, const std::string& name);
std::string read_text(asn1_node node, const std::string& name);

// A small non-negative INTEGER (skip counts; huge ones saturate);
// nullopt when the OPTIONAL field is absent.
std::optional<unsigned> read_count(asn1_node node, const std::string& name);

// The DER of an element (tag and length included), as a part of der, the
// input that node was decoded from.
std::span<const std::uint8_t> der_of(asn1_node node, std::span<const std::uint8_t> der, const std::string& name);

}  // namespace smime::x509::asn1
