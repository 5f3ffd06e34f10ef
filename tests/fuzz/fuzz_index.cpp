// Keyring index files: parsing never crashes, and what parses formats back
// to something that parses the same.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "keyring/index_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 1 << 16) {
        return 0;
    }
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto entries = smime::keyring::parse_index(text);
    if (smime::keyring::parse_index(smime::keyring::format_index(entries)) != entries) {
        std::abort();
    }
    return 0;
}
