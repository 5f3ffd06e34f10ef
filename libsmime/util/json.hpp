// Minimal JSON writing for status lines and --json listings (no smime includes).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace smime::util {

std::string json_quote(std::string_view text);

// Builds one flat JSON object; values are strings unless added raw.
class JsonObject {
public:
    void add(std::string_view key, std::string_view value);
    void add_raw(std::string_view key, std::string_view json_value);  // numbers, bools, arrays
    void add(std::string_view key, bool value) { add_raw(key, value ? "true" : "false"); }
    void add(std::string_view key, const std::vector<std::string>& values);
    std::string str() const { return "{" + m_body + "}"; }

private:
    std::string m_body;
};

}  // namespace smime::util
