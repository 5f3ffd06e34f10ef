#include "notify/deliver.hpp"

namespace smime::notify {

std::string to_crlf(std::string_view message) {
    std::string out;
    out.reserve(message.size() + message.size() / 32);
    for (size_t i = 0; i < message.size(); ++i) {
        char c = message[i];
        if (c == '\n' && (i == 0 || message[i - 1] != '\r')) {
            out += '\r';
        }
        out += c;
    }
    return out;
}

std::string to_lf(std::string_view message) {
    std::string out;
    out.reserve(message.size());
    for (size_t i = 0; i < message.size(); ++i) {
        if (message[i] == '\r' && i + 1 < message.size() && message[i + 1] == '\n') {
            continue;
        }
        out += message[i];
    }
    return out;
}

}  // namespace smime::notify
