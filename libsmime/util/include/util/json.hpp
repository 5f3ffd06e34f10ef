// JSON objects for status lines and --json reports (no smime includes),
// written by nlohmann-json so quoting follows RFC 8259.
//
// Bytes that are not UTF-8 (a Latin-1 file name, an 8-bit header) are
// written as U+FFFD, one per bad byte sequence: the output is always valid
// JSON, at the price of the exact bytes (which stay in the keyring or the
// message).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace smime::util {

// One JSON object, members in the order they were added.
class JsonObject {
public:
    JsonObject();
    JsonObject(JsonObject&&) noexcept;
    JsonObject& operator=(JsonObject&&) noexcept;
    ~JsonObject();

    void add(std::string_view key, std::string_view value);
    void add(std::string_view key, const char* value) { add(key, std::string_view(value)); }
    void add(std::string_view key, bool value);
    void add(std::string_view key, const std::vector<std::string>& values);
    std::string str() const;  // one line, no newline

private:
    std::unique_ptr<nlohmann::ordered_json> m_json;
};

// The members of several objects as one JSON array, on one line.
std::string json_array(const std::vector<JsonObject>& objects);

}  // namespace smime::util
