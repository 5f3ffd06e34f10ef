// Distinguished names compared the RFC 5280 §7.1 way: RDN by RDN, each
// attribute by type and by value after RFC 4518-style preparation (Unicode
// compatibility normalisation, case folding, insignificant spaces dropped),
// whatever string type encodes it. Chaining and name constraints use this,
// never the raw encoding.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <smime/cert_info.hpp>

namespace smime::x509 {

struct NameAttribute {
    std::string type;    // the attribute type OID, dotted
    std::string value;   // prepared text, or the raw value when not a string
    bool text = false;   // value is a prepared directory string
    auto operator<=>(const NameAttribute&) const = default;
};

using Rdn = std::vector<NameAttribute>;  // sorted: an RDN is a set

struct DistinguishedName {
    std::vector<Rdn> rdns;  // in encoding order, most significant first
    bool operator==(const DistinguishedName&) const = default;
};

// Parses a DER Name; throws Error{Errc::parse} when it is not one.
DistinguishedName parse_name(std::span<const std::uint8_t> der);

// RFC 4518 preparation of a UTF-8 string: NFKC, case folding, leading and
// trailing spaces removed, inner runs of white space as one space.
std::string prepare_text(std::string_view utf8);

// Equal by RFC 5280 §7.1 (identical encodings are equal without parsing).
bool same_name(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

// True when name lies in the subtree rooted at base: base's RDNs are the
// leading RDNs of name (RFC 5280 §4.2.1.10, directoryName).
bool name_within(const DistinguishedName& base, const DistinguishedName& name);

// The subject's emailAddress attributes (PKCS #9), which name constraints
// treat as rfc822Names.
std::vector<std::string> email_attributes(const DistinguishedName& name);

}  // namespace smime::x509
