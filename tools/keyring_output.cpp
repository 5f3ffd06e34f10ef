#include "keyring_output.hpp"

#include <iostream>

#include <smime/query.hpp>

#include "io.hpp"
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

void print_candidates(const std::vector<KeyringEntry>& found) {
    for (const auto& entry : found) {
        std::cerr << entry.cert.fingerprint << ' ' << join(entry.cert.emails) << '\n';
    }
}
}  // namespace

std::string format_entry_text(const KeyringEntry& entry, const std::vector<CertState>& states) {
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
    out += "      state: " + join(state_words(states)) + "\n";
    return out;
}

std::string format_entry_json(const KeyringEntry& entry, const std::vector<CertState>& states) {
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
    auto words = state_words(states);
    object.add("state", words.front());
    object.add("states", words);
    return object.str();
}

void add_query_argument(CLI::App& sub, std::string& query) {
    sub.add_option("query", query,
                   "fingerprint (SHA-256 or SHA-1; any case, with : or spaces), a prefix of 8+ hex digits, or an address")
        ->required();
}

std::optional<KeyringEntry> exactly_one(Keyring& keyring, const std::string& query, std::string_view op, Context& ctx) {
    const auto found = select_certificates(keyring, query);
    if (found.size() == 1) {
        return found.front();
    }
    // Refused either way: the status line says why, and names the candidates.
    std::string reason = found.empty() ? "no certificate matches '" + query + "'" : "'" + query + "' is ambiguous";
    StatusLine line{std::string(op), Status::failed, {{"reason", reason}, {"query", query}}};
    std::vector<std::string> candidates;
    for (const auto& entry : found) {
        candidates.push_back(entry.cert.fingerprint);
    }
    line.lists = {{"candidates", candidates}};
    if (found.empty()) {
        ctx.report().error(reason);
    } else {
        ctx.report().error(reason + "; it matches:");
        print_candidates(found);
    }
    ctx.status().emit(line);
    if (ctx.report().json() && !ctx.status().reports_json()) {  // export: its JSON product is this refusal
        write_output(to_json(line) + "\n");
    }
    return std::nullopt;
}

void list_fingerprint_candidates(Keyring& keyring, const std::string& address_or_fingerprint) {
    if (!names_fingerprint(address_or_fingerprint)) {
        return;
    }
    auto found = select_certificates(keyring, address_or_fingerprint);
    if (found.size() > 1) {
        print_candidates(found);
    }
}

}  // namespace smime::cli
