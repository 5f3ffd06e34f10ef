#include "util/json.hpp"

#include <nlohmann/json.hpp>

namespace smime::util {

namespace {
using Json = nlohmann::ordered_json;

// The one place the invalid-UTF-8 rule of json.hpp is applied.
std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }
}  // namespace

JsonObject::JsonObject() : m_json(std::make_unique<Json>(Json::object())) {}
JsonObject::JsonObject(JsonObject&&) noexcept = default;
JsonObject& JsonObject::operator=(JsonObject&&) noexcept = default;
JsonObject::~JsonObject() = default;

void JsonObject::add(std::string_view key, std::string_view value) { (*m_json)[std::string(key)] = std::string(value); }

void JsonObject::add(std::string_view key, bool value) { (*m_json)[std::string(key)] = value; }

void JsonObject::add(std::string_view key, const std::vector<std::string>& values) {
    (*m_json)[std::string(key)] = values;
}

std::string JsonObject::str() const { return dump(*m_json); }

std::string json_array(const std::vector<JsonObject>& objects) {
    std::string out = "[";
    for (const auto& object : objects) {
        out += (out.size() > 1 ? "," : "") + object.str();
    }
    return out + "]";
}

}  // namespace smime::util
