#include <smime/query.hpp>

#include <algorithm>
#include <cctype>
#include <string>

#include <smime/error.hpp>

#include "mime/address.hpp"

namespace smime {

namespace {

constexpr std::size_t k_min_prefix = 8;   // SPEC export/delete/trust
constexpr std::size_t k_sha1_digits = 40;
constexpr std::size_t k_sha256_digits = 64;

bool is_separator(char c) { return c == ':' || std::isspace(static_cast<unsigned char>(c)) != 0; }

// The SHA-256 prefix matches, and for 40 digits the SHA-1 fingerprint too.
bool fingerprint_matches(const CertInfo& cert, const std::string& digits) {
    return cert.fingerprint.starts_with(digits) ||
           (digits.size() == k_sha1_digits && cert.sha1_fingerprint == digits);
}

bool matches(const KeyringEntry& entry, const std::string& folded_query, const std::optional<std::string>& digits) {
    if (digits && fingerprint_matches(entry.cert, *digits)) {
        return true;
    }
    if (util::fold_address(entry.cert.common_name).find(folded_query) != std::string::npos) {
        return true;
    }
    return std::any_of(entry.cert.emails.begin(), entry.cert.emails.end(), [&](const std::string& email) {
        return util::fold_address(email).find(folded_query) != std::string::npos;
    });
}

// A query that is a fingerprint (or prefix) export/delete/trust accept.
std::optional<std::string> usable_fingerprint(std::string_view query) {
    auto digits = normalize_fingerprint(query);
    if (!digits || digits->size() < k_min_prefix || digits->size() > k_sha256_digits) {
        return std::nullopt;
    }
    return digits;
}

}  // namespace

std::optional<std::string> normalize_fingerprint(std::string_view text) {
    std::string digits;
    for (char c : text) {
        if (std::isxdigit(static_cast<unsigned char>(c)) != 0) {
            digits += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!is_separator(c)) {
            return std::nullopt;
        }
    }
    if (digits.empty()) {
        return std::nullopt;
    }
    return digits;
}

std::vector<KeyringEntry> search_certificates(Keyring& keyring, std::string_view query) {
    if (query.empty()) {
        return keyring.all();
    }
    if (util::looks_like_address(query)) {
        return keyring.find_by_email(query);
    }
    std::string folded = util::fold_address(query);
    auto digits = normalize_fingerprint(query);
    auto all = keyring.all();
    std::erase_if(all, [&](const KeyringEntry& entry) { return !matches(entry, folded, digits); });
    return all;
}

std::vector<KeyringEntry> select_certificates(Keyring& keyring, std::string_view query) {
    if (util::looks_like_address(query)) {
        return keyring.find_by_email(query);
    }
    auto digits = usable_fingerprint(query);
    if (!digits) {
        throw Error(Errc::usage, "'" + std::string(query) +
                                     "' is neither an email address nor a fingerprint (at least 8 hex digits)");
    }
    if (digits->size() == k_sha256_digits) {
        auto entry = keyring.find_by_fingerprint(*digits);
        return entry ? std::vector<KeyringEntry>{*entry} : std::vector<KeyringEntry>{};
    }
    if (digits->size() != k_sha1_digits) {
        return keyring.find_by_fingerprint_prefix(*digits);
    }
    // No index by SHA-1: scan (gpgsm users paste SHA-1 fingerprints).
    auto all = keyring.all();
    std::erase_if(all, [&](const KeyringEntry& entry) { return !fingerprint_matches(entry.cert, *digits); });
    return all;
}

bool names_fingerprint(std::string_view text) {
    return !util::looks_like_address(text) && usable_fingerprint(text).has_value();
}

std::vector<KeyringEntry> named_certificates(Keyring& keyring, std::string_view address_or_fingerprint) {
    if (names_fingerprint(address_or_fingerprint)) {
        return select_certificates(keyring, address_or_fingerprint);
    }
    return keyring.find_by_email(address_or_fingerprint);
}

std::optional<std::string> fingerprint_ambiguity(std::string_view named, std::size_t matches) {
    if (matches < 2 || !names_fingerprint(named)) {
        return std::nullopt;
    }
    return "fingerprint " + std::string(named) + " is ambiguous (" + std::to_string(matches) + " certificates)";
}

}  // namespace smime
