// The keyring's index files: one small text file per key (an address, a
// subject name, an issuer+serial, a key identifier) listing the certificates
// filed under it, one per line: "<import seq> <fingerprint> <value>".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace smime::keyring {

struct IndexEntry {
    std::uint64_t imported = 0;
    std::string fingerprint;  // 64 lowercase hex digits
    std::string value;        // the address as spelled in the certificate, or "-"

    bool operator==(const IndexEntry&) const = default;
};

// Lines that are not well-formed are skipped (check reports them).
std::vector<IndexEntry> parse_index(std::string_view text, std::size_t* bad_lines = nullptr);
std::string format_index(const std::vector<IndexEntry>& entries);

bool is_fingerprint(std::string_view text) noexcept;

}  // namespace smime::keyring
