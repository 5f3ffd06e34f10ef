// libtasn1 over the CMS module (cms.asn): create, decode, read, write and
// encode nodes. Every failure to decode is Error{Errc::parse}.
#pragma once

#include <optional>
#include <span>
#include <string>

#include <smime/bytes.hpp>

#include "tasn1/module.hpp"
#include "gnutls/handle.hpp"

namespace smime::cms {

// A fresh structure of a type of cms.asn, e.g. "CMS.KeyTransRecipientInfo".
gtls::Asn1Node make_node(const char* type);

// make_node + DER/BER decoding of the whole input.
gtls::Asn1Node decode(const char* type, std::span<const std::uint8_t> der);

Bytes encode(asn1_node node);

// Reads a value (OCTET STRING contents, INTEGER bytes, ANY as DER, OID as
// dotted text in read_oid). nullopt when an OPTIONAL field is absent.
std::optional<Bytes> read_optional(asn1_node node, const std::string& name);
Bytes read_bytes(asn1_node node, const std::string& name);
std::string read_oid(asn1_node node, const std::string& name);
using gtls::read_der;  // the DER of a sub-structure, tag and length included

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

// BIT STRING contents as bytes (whole octets) and back.
Bytes read_bit_string(asn1_node node, const std::string& name);
void write_bit_string(asn1_node node, const std::string& name, std::span<const std::uint8_t> bytes);

// DER of AlgorithmIdentifier { oid, parameters (DER, may be empty = absent) }.
Bytes algorithm_identifier(const std::string& oid, std::span<const std::uint8_t> parameters_der = {});

}  // namespace smime::cms
