#include "x509/name_constraints.hpp"

#include <algorithm>

#include <glib.h>

#include <smime/error.hpp>

#include "x509/asn1.hpp"
#include "x509/extensions.hpp"

namespace smime::x509 {

namespace {

constexpr const char* k_subject_alt_name_oid = "2.5.29.17";
constexpr const char* k_name_constraints_oid = "2.5.29.30";

std::string_view text_of(const Bytes& bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

bool ends_with_nocase(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() &&
           g_ascii_strncasecmp(text.data() + text.size() - suffix.size(), suffix.data(), suffix.size()) == 0;
}

bool equal_nocase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && g_ascii_strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// host equals the constraint, or with a leading "." the constraint names a
// domain strictly above host; a dNSName constraint without the dot also
// covers subdomains (RFC 5280: "host.example.com" covers "www.host...").
bool host_in_domain(std::string_view host, std::string_view constraint, bool bare_covers_subdomains) {
    if (constraint.empty()) {
        return true;
    }
    if (constraint.front() == '.') {
        return host.size() > constraint.size() && ends_with_nocase(host, constraint);
    }
    if (equal_nocase(host, constraint)) {
        return true;
    }
    return bare_covers_subdomains && host.size() > constraint.size() && ends_with_nocase(host, constraint) &&
           host[host.size() - constraint.size() - 1] == '.';
}

bool mailbox_in(std::string_view address, std::string_view constraint) {
    auto at = address.rfind('@');
    if (at == std::string_view::npos) {
        return false;
    }
    if (constraint.find('@') != std::string_view::npos) {
        return equal_nocase(address, constraint);  // one particular mailbox
    }
    return host_in_domain(address.substr(at + 1), constraint, false);
}

// The host of scheme://[userinfo@]host[:port][/...]; empty when none.
std::string_view uri_host(std::string_view uri) {
    auto scheme_end = uri.find("://");
    if (scheme_end == std::string_view::npos) {
        return {};
    }
    std::string_view rest = uri.substr(scheme_end + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (auto at = rest.rfind('@'); at != std::string_view::npos) {
        rest = rest.substr(at + 1);
    }
    if (!rest.empty() && rest.front() == '[') {
        return rest.substr(0, rest.find(']') + 1);
    }
    return rest.substr(0, rest.find(':'));
}

bool address_in_network(const Bytes& address, const Bytes& network) {
    if (network.size() != 2 * address.size()) {
        return false;  // IPv4 against IPv6 or malformed
    }
    for (std::size_t i = 0; i < address.size(); ++i) {
        std::uint8_t mask = network[address.size() + i];
        if ((address[i] & mask) != (network[i] & mask)) {
            return false;
        }
    }
    return true;
}

// The GeneralName at path of node (decoded from der). Forms we cannot
// compare come back as GNUTLS_SAN_OTHERNAME with no value: never inside a
// subtree, so a constraint of such a form permits nothing.
GeneralName general_name(asn1_node node, std::span<const std::uint8_t> der, const std::string& path) {
    std::string form = asn1::read_text(node, path);
    if (form == "rfc822Name") return {GNUTLS_SAN_RFC822NAME, asn1::read_bytes(node, path + ".rfc822Name")};
    if (form == "dNSName") return {GNUTLS_SAN_DNSNAME, asn1::read_bytes(node, path + ".dNSName")};
    if (form == "uniformResourceIdentifier") {
        return {GNUTLS_SAN_URI, asn1::read_bytes(node, path + ".uniformResourceIdentifier")};
    }
    if (form == "iPAddress") return {GNUTLS_SAN_IPADDRESS, asn1::read_bytes(node, path + ".iPAddress")};
    if (form == "directoryName") {
        // libtasn1 gives the range with the explicit [4] around the Name.
        auto name = asn1::der_of(node, der, path + ".directoryName");
        int tag_length = 0;
        long length = name.size() > 1 ? asn1_get_length_der(name.data() + 1, static_cast<int>(name.size() - 1), &tag_length)
                                      : -1;
        if (name.empty() || name.front() != 0xa4 || length < 0) {
            throw Error{Errc::parse, "malformed directoryName"};
        }
        auto inner = name.subspan(1 + static_cast<std::size_t>(tag_length));
        return {GNUTLS_SAN_DN, Bytes(inner.begin(), inner.end())};
    }
    return {GNUTLS_SAN_OTHERNAME, {}};
}

// The GeneralNames at "list.?1" + suffix, "list.?2" + suffix, ... of a
// SEQUENCE OF ("" for the top level).
std::vector<GeneralName> general_names(asn1_node node, std::span<const std::uint8_t> der, const std::string& list,
                                       const std::string& suffix) {
    std::vector<GeneralName> names;
    std::string prefix = list.empty() ? "" : list + ".";
    for (int i = 1; i <= asn1::count(node, list); ++i) {
        names.push_back(general_name(node, der, prefix + "?" + std::to_string(i) + suffix));
    }
    return names;
}

// Names of the certificate that a constraint of this type applies to.
bool any_of_type(const NameConstraints& constraints, unsigned type) {
    return std::any_of(constraints.permitted.begin(), constraints.permitted.end(),
                       [&](const GeneralName& c) { return c.type == type; });
}

bool name_allowed(const NameConstraints& constraints, const GeneralName& name) {
    auto covers = [&](const GeneralName& c) { return c.type == name.type && in_subtree(c, name); };
    if (std::any_of(constraints.excluded.begin(), constraints.excluded.end(), covers)) {
        return false;
    }
    return !any_of_type(constraints, name.type) ||
           std::any_of(constraints.permitted.begin(), constraints.permitted.end(), covers);
}

}  // namespace

std::optional<NameConstraints> name_constraints_of(gnutls_x509_crt_t crt) {
    auto value = extension_value(crt, k_name_constraints_oid);
    if (!value) {
        return std::nullopt;
    }
    auto node = asn1::decode("X509.NameConstraints", value->bytes());
    return NameConstraints{general_names(node.get(), value->bytes(), "permittedSubtrees", ".base"),
                           general_names(node.get(), value->bytes(), "excludedSubtrees", ".base")};
}

std::vector<GeneralName> names_of(gnutls_x509_crt_t crt, const CertInfo& info) {
    std::vector<GeneralName> names;
    auto subject = parse_name(info.subject_der);
    if (!subject.rdns.empty()) {
        names.push_back({GNUTLS_SAN_DN, info.subject_der});  // an empty subject is no name
    }
    for (auto& email : email_attributes(subject)) {
        names.push_back({GNUTLS_SAN_RFC822NAME, Bytes(email.begin(), email.end())});
    }
    if (auto value = extension_value(crt, k_subject_alt_name_oid)) {
        auto node = asn1::decode("X509.GeneralNames", value->bytes());
        auto alt_names = general_names(node.get(), value->bytes(), "", "");
        names.insert(names.end(), alt_names.begin(), alt_names.end());
    }
    return names;
}

bool in_subtree(const GeneralName& constraint, const GeneralName& name) {
    switch (constraint.type) {
        case GNUTLS_SAN_DN:
            try {
                return name_within(parse_name(constraint.value), parse_name(name.value));
            } catch (const Error&) {
                return false;
            }
        case GNUTLS_SAN_RFC822NAME: return mailbox_in(text_of(name.value), text_of(constraint.value));
        case GNUTLS_SAN_DNSNAME: return host_in_domain(text_of(name.value), text_of(constraint.value), true);
        case GNUTLS_SAN_URI: return host_in_domain(uri_host(text_of(name.value)), text_of(constraint.value), false);
        case GNUTLS_SAN_IPADDRESS: return address_in_network(name.value, constraint.value);
        default: return false;  // a form we do not know is never inside
    }
}

bool allowed_by(const NameConstraints& constraints, const std::vector<GeneralName>& names) {
    return std::all_of(names.begin(), names.end(),
                       [&](const GeneralName& name) { return name_allowed(constraints, name); });
}

}  // namespace smime::x509
