// Address-list headers (From/To/Cc) as GMime parses them for us.
#include <cstdint>
#include <string_view>

#include <gmime/gmime.h>

#include "mime/address.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bool k_init = (g_mime_init(), true);
    (void)k_init;
    if (size > 1 << 14) {
        return 0;
    }
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto& address : smime::util::parse_address_list(text)) {
        (void)smime::util::fold_address(address);
        (void)smime::util::looks_like_address(address);
    }
    return 0;
}
