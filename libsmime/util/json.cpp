#include "util/json.hpp"

#include <cstdio>

namespace smime::util {

std::string json_quote(std::string_view text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);  // UTF-8 passes through
            }
        }
    }
    return out + "\"";
}

void JsonObject::add_raw(std::string_view key, std::string_view json_value) {
    if (!m_body.empty()) {
        m_body += ",";
    }
    m_body += json_quote(key);
    m_body += ":";
    m_body += json_value;
}

void JsonObject::add(std::string_view key, std::string_view value) { add_raw(key, json_quote(value)); }

void JsonObject::add(std::string_view key, const std::vector<std::string>& values) {
    std::string array = "[";
    for (const auto& value : values) {
        if (array.size() > 1) {
            array += ",";
        }
        array += json_quote(value);
    }
    add_raw(key, array + "]");
}

}  // namespace smime::util
