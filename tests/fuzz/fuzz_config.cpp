// smime.conf: any text either parses or throws smime::Error.
#include <cstdint>
#include <string_view>

#include <smime/config.hpp>
#include <smime/error.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 1 << 14) {
        return 0;
    }
    try {
        (void)smime::parse_config(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const smime::Error&) {
    }
    return 0;
}
