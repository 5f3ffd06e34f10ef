#include "keyring_output.hpp"

#include <iostream>

#include "util/json.hpp"
#include "util/time.hpp"

namespace smime::cli {

namespace {
std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ", ") + item;
    }
    return out;
}
}  // namespace

std::string format_entry_text(const KeyringEntry& entry, CertState state) {
    const CertInfo& cert = entry.cert;
    std::string out;
    out += "fingerprint: " + cert.fingerprint + "\n";
    out += "     emails: " + join(cert.emails) + "\n";
    out += "       name: " + cert.common_name + "\n";
    out += "    subject: " + cert.subject + "\n";
    out += "     issuer: " + cert.issuer + "\n";
    out += " not-before: " + util::format_time(cert.not_before) + "\n";
    out += "  not-after: " + util::format_time(cert.not_after) + "\n";
    out += "        key: " + std::string(entry.has_key ? "yes" : "no") + "\n";
    out += "      trust: " + std::string(entry.trusted ? "anchor" : "no") + "\n";
    out += "      state: " + std::string(to_string(state)) + "\n";
    return out;
}

std::string format_entry_json(const KeyringEntry& entry, CertState state) {
    const CertInfo& cert = entry.cert;
    util::JsonObject object;
    object.add("fingerprint", cert.fingerprint);
    object.add("emails", cert.emails);
    object.add("name", cert.common_name);
    object.add("subject", cert.subject);
    object.add("issuer", cert.issuer);
    object.add("not_before", util::format_time(cert.not_before));
    object.add("not_after", util::format_time(cert.not_after));
    object.add("key", entry.has_key);
    object.add("trust_anchor", entry.trusted);
    object.add("ca", cert.is_ca);
    object.add("state", to_string(state));
    return object.str();
}

const KeyringEntry* exactly_one(const std::vector<KeyringEntry>& found, const std::string& query,
                                const Context& ctx) {
    if (found.empty()) {
        ctx.report().error("no certificate matches '" + query + "'");
        return nullptr;
    }
    if (found.size() > 1) {
        ctx.report().error("'" + query + "' is ambiguous; it matches:");
        for (const auto& entry : found) {
            std::cerr << entry.cert.fingerprint << ' ' << join(entry.cert.emails) << '\n';
        }
        return nullptr;
    }
    return &found.front();
}

}  // namespace smime::cli
