// RFC 5280 GeneralName, as name constraints, subjectAltName, CRL
// distribution points and certificateIssuer carry it, decoded with libtasn1
// (X509.GeneralName in x509.asn). directoryNames are kept as DER because
// GnuTLS hands them out as RFC 4514 text, which loses what §7.1 compares.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <smime/cert_info.hpp>

#include "gnutls/handle.hpp"

namespace smime::x509 {

// The CHOICE alternatives, numbered by their context tags.
enum class NameKind {
    other_name = 0,
    rfc822_name = 1,
    dns_name = 2,
    x400_address = 3,
    directory_name = 4,
    edi_party_name = 5,
    uri = 6,
    ip_address = 7,
    registered_id = 8,
};

// value: a directoryName as the Name's DER; rfc822Name, dNSName and URI as
// their text; iPAddress as its octets (address and mask in a constraint);
// registeredID as dotted text; the others as their DER.
struct GeneralName {
    NameKind kind = NameKind::other_name;
    Bytes value;
    bool operator==(const GeneralName&) const = default;
};
using GeneralNames = std::vector<GeneralName>;

GeneralName directory_name(std::span<const std::uint8_t> name_der);

// Some name is in both lists; directoryNames compare as RFC 5280 §7.1 says,
// the others by value.
bool intersects(const GeneralNames& a, const GeneralNames& b);

// The GeneralName at path of node, which was decoded from der (needed to
// keep a directoryName's bytes as they were encoded). Throws Error{Errc::parse}.
GeneralName read_general_name(asn1_node node, std::span<const std::uint8_t> der, const std::string& path);

// The GeneralNames at list.?1 + suffix, list.?2 + suffix, ... of a SEQUENCE
// OF ("" for the top level); none when an OPTIONAL list is absent.
GeneralNames read_general_names(asn1_node node, std::span<const std::uint8_t> der, const std::string& list,
                                const std::string& suffix = "");

}  // namespace smime::x509
