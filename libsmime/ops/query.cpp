#include <smime/query.hpp>

#include <algorithm>
#include <string>

#include <smime/error.hpp>

#include "util/address.hpp"

namespace smime {

namespace {

bool is_hex(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

bool matches(const KeyringEntry& entry, const std::string& folded_query) {
    if (entry.cert.fingerprint.starts_with(folded_query)) {
        return true;
    }
    if (util::fold_address(entry.cert.common_name).find(folded_query) != std::string::npos) {
        return true;
    }
    return std::any_of(entry.cert.emails.begin(), entry.cert.emails.end(), [&](const std::string& email) {
        return util::fold_address(email).find(folded_query) != std::string::npos;
    });
}

}  // namespace

std::vector<KeyringEntry> search_certificates(Keyring& keyring, std::string_view query) {
    if (query.empty()) {
        return keyring.all();
    }
    if (util::looks_like_address(query)) {
        return keyring.find_by_email(query);
    }
    std::string folded = util::fold_address(query);
    auto all = keyring.all();
    std::erase_if(all, [&](const KeyringEntry& entry) { return !matches(entry, folded); });
    return all;
}

std::vector<KeyringEntry> select_certificates(Keyring& keyring, std::string_view query) {
    if (util::looks_like_address(query)) {
        return keyring.find_by_email(query);
    }
    std::string prefix = util::fold_address(query);
    if (!is_hex(prefix) || prefix.size() < 8 || prefix.size() > 64) {
        throw Error(Errc::usage, "'" + std::string(query) +
                                     "' is neither an email address nor a fingerprint (at least 8 hex digits)");
    }
    if (prefix.size() == 64) {
        auto entry = keyring.find_by_fingerprint(prefix);
        return entry ? std::vector<KeyringEntry>{*entry} : std::vector<KeyringEntry>{};
    }
    return keyring.find_by_fingerprint_prefix(prefix);
}

}  // namespace smime
