#include <smime/error.hpp>
#include <smime/notify.hpp>

#include "mime/address.hpp"

namespace smime {

namespace {
std::string_view trim(std::string_view s) {
    const char* space = " \t\r\n\f\v";
    auto first = s.find_first_not_of(space);
    if (first == std::string_view::npos) {
        return {};
    }
    return s.substr(first, s.find_last_not_of(space) - first + 1);
}
}  // namespace

std::vector<std::string> parse_recipients(std::string_view text) {
    std::vector<std::string> out;
    size_t number = 0;
    while (!text.empty()) {
        auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        ++number;
        line = trim(line.substr(0, line.find('#')));
        if (line.empty()) {
            continue;
        }
        if (!util::looks_like_address(line)) {
            throw Error(Errc::usage, "recipients file, line " + std::to_string(number) + ": not an address: " +
                                         std::string(line));
        }
        out.emplace_back(line);
    }
    return out;
}

}  // namespace smime
