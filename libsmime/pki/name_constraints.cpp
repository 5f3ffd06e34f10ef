#include "pki/name_constraints.hpp"

#include <algorithm>

#include <glib.h>

#include <smime/error.hpp>

#include "tasn1/node.hpp"
#include "x509/extensions.hpp"
#include "x509/names.hpp"

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

// The form a constraint applies to. The forms in_subtree cannot compare
// (otherName, x400Address, ediPartyName, registeredID) count as one: a
// permitted subtree of any of them admits no name of any of them.
NameKind form_of(NameKind kind) {
    switch (kind) {
        case NameKind::rfc822_name:
        case NameKind::dns_name:
        case NameKind::directory_name:
        case NameKind::uri:
        case NameKind::ip_address: return kind;
        default: return NameKind::other_name;
    }
}

bool same_form(const GeneralName& a, const GeneralName& b) { return form_of(a.kind) == form_of(b.kind); }

bool name_allowed(const NameConstraints& constraints, const GeneralName& name) {
    auto same = [&](const GeneralName& c) { return same_form(c, name); };
    auto covers = [&](const GeneralName& c) { return same_form(c, name) && in_subtree(c, name); };
    if (std::any_of(constraints.excluded.begin(), constraints.excluded.end(), covers)) {
        return false;
    }
    return std::none_of(constraints.permitted.begin(), constraints.permitted.end(), same) ||
           std::any_of(constraints.permitted.begin(), constraints.permitted.end(), covers);
}

}  // namespace

std::optional<NameConstraints> name_constraints_of(gnutls_x509_crt_t crt) {
    auto value = extension_value(crt, k_name_constraints_oid);
    if (!value) {
        return std::nullopt;
    }
    auto node = tasn1::decode("X509.NameConstraints", value->bytes());
    return NameConstraints{read_general_names(node.get(), value->bytes(), "permittedSubtrees", ".base"),
                           read_general_names(node.get(), value->bytes(), "excludedSubtrees", ".base")};
}

GeneralNames names_of(gnutls_x509_crt_t crt, const CertInfo& info) {
    GeneralNames names;
    auto subject = parse_name(info.subject_der);
    if (!subject.rdns.empty()) {
        names.push_back(directory_name(info.subject_der));  // an empty subject is no name
    }
    for (auto& email : email_attributes(subject)) {
        names.push_back({NameKind::rfc822_name, Bytes(email.begin(), email.end())});
    }
    if (auto value = extension_value(crt, k_subject_alt_name_oid)) {
        auto node = tasn1::decode("X509.GeneralNames", value->bytes());
        auto alt_names = read_general_names(node.get(), value->bytes(), "");
        names.insert(names.end(), alt_names.begin(), alt_names.end());
    }
    return names;
}

bool in_subtree(const GeneralName& constraint, const GeneralName& name) {
    switch (constraint.kind) {
        case NameKind::directory_name:
            try {
                return name_within(parse_name(constraint.value), parse_name(name.value));
            } catch (const Error&) {
                return false;
            }
        case NameKind::rfc822_name: return mailbox_in(text_of(name.value), text_of(constraint.value));
        case NameKind::dns_name: return host_in_domain(text_of(name.value), text_of(constraint.value), true);
        case NameKind::uri: return host_in_domain(uri_host(text_of(name.value)), text_of(constraint.value), false);
        case NameKind::ip_address: return address_in_network(name.value, constraint.value);
        default: return false;  // a form we do not know is never inside
    }
}

bool allowed_by(const NameConstraints& constraints, const GeneralNames& names) {
    return std::all_of(names.begin(), names.end(),
                       [&](const GeneralName& name) { return name_allowed(constraints, name); });
}

}  // namespace smime::x509
