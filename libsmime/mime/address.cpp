#include "mime/address.hpp"

#include <memory>

#include <gmime/gmime.h>

#include "gmime/init.hpp"
#include "gmime/object_ptr.hpp"

namespace smime::util {

std::string fold_address(std::string_view address) {
    std::string out(address);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

bool looks_like_address(std::string_view text) {
    auto at = text.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == text.size()) {
        return false;
    }
    for (unsigned char c : text) {
        if (c <= ' ' || c == '<' || c == '>' || c == ',' || c == '"' || c == 0x7f) {
            return false;
        }
    }
    return true;
}

namespace {
void collect(InternetAddressList* list, std::vector<std::string>& out) {
    int count = internet_address_list_length(list);
    for (int i = 0; i < count; ++i) {
        InternetAddress* address = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
            const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
            if (addr != nullptr && *addr != '\0') {
                out.emplace_back(addr);
            }
        } else if (INTERNET_ADDRESS_IS_GROUP(address)) {
            collect(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), out);
        }
    }
}
}  // namespace

std::vector<std::string> parse_address_list(std::string_view header_value) {
    gmime::ensure_initialised();
    std::vector<std::string> out;
    std::string text(header_value);  // GMime wants a NUL-terminated string
    auto list = gmime::ObjectPtr<InternetAddressList>::adopt(internet_address_list_parse(nullptr, text.c_str()));
    if (list) {
        collect(list.get(), out);
    }
    return out;
}

}  // namespace smime::util
