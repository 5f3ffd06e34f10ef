#include "keyring/index_file.hpp"

#include <charconv>

namespace smime::keyring {

bool is_fingerprint(std::string_view text) noexcept {
    if (text.size() != 64) {
        return false;
    }
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

namespace {
bool parse_line(std::string_view line, IndexEntry& entry) {
    auto first = line.find(' ');
    if (first == std::string_view::npos) {
        return false;
    }
    auto second = line.find(' ', first + 1);
    if (second == std::string_view::npos) {
        return false;
    }
    std::string_view seq = line.substr(0, first);
    std::string_view fingerprint = line.substr(first + 1, second - first - 1);
    std::string_view value = line.substr(second + 1);
    auto [end, ec] = std::from_chars(seq.data(), seq.data() + seq.size(), entry.imported);
    if (ec != std::errc{} || end != seq.data() + seq.size() || !is_fingerprint(fingerprint) || value.empty()) {
        return false;
    }
    entry.fingerprint = fingerprint;
    entry.value = value;
    return true;
}
}  // namespace

std::vector<IndexEntry> parse_index(std::string_view text, std::size_t* bad_lines) {
    std::vector<IndexEntry> entries;
    std::size_t bad = 0;
    while (!text.empty()) {
        auto newline = text.find('\n');
        if (newline == std::string_view::npos) {
            ++bad;  // a line without its newline was never completely written
            break;
        }
        std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline + 1);
        IndexEntry entry;
        if (parse_line(line, entry)) {
            entries.push_back(std::move(entry));
        } else {
            ++bad;
        }
    }
    if (bad_lines != nullptr) {
        *bad_lines = bad;
    }
    return entries;
}

std::string format_index(const std::vector<IndexEntry>& entries) {
    std::string out;
    for (const auto& entry : entries) {
        out += std::to_string(entry.imported);
        out += ' ';
        out += entry.fingerprint;
        out += ' ';
        out += entry.value;
        out += '\n';
    }
    return out;
}

}  // namespace smime::keyring
