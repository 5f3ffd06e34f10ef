#include <smime/config.hpp>

#include <charconv>
#include <memory>

#include <glib.h>

#include <smime/error.hpp>
#include <smime/limits.hpp>

namespace smime {

namespace {

constexpr const char* k_group = "smime";

using KeyFile = std::unique_ptr<GKeyFile, decltype(&g_key_file_free)>;

std::optional<std::string> get_string(GKeyFile* file, const char* key) {
    GError* error = nullptr;
    gchar* value = g_key_file_get_string(file, k_group, key, &error);
    if (value == nullptr) {
        g_clear_error(&error);
        return std::nullopt;
    }
    std::string out = value;
    g_free(value);
    return out;
}

std::optional<bool> get_bool(GKeyFile* file, const char* key) {
    if (!g_key_file_has_key(file, k_group, key, nullptr)) {
        return std::nullopt;
    }
    GError* error = nullptr;
    gboolean value = g_key_file_get_boolean(file, k_group, key, &error);
    if (error != nullptr) {
        std::string message = std::string("smime.conf: ") + key + ": " + error->message;
        g_error_free(error);
        throw Error(Errc::config, message);
    }
    return value != FALSE;
}

// A whole number of seconds, at least 1.
std::optional<std::uint64_t> get_seconds(GKeyFile* file, const char* key) {
    auto text = get_string(file, key);
    if (!text) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value == 0) {
        throw Error(Errc::config, std::string("smime.conf: ") + key + ": not a number of seconds: " + *text);
    }
    return value;
}

Config read(GKeyFile* file) {
    Config config;
    config.notification_sender_email = get_string(file, "notification-sender-email");
    config.sendmail = get_string(file, "sendmail");
    config.smtp_url = get_string(file, "smtp-url");
    config.smtp_user = get_string(file, "smtp-user");
    config.smtp_password_file = get_string(file, "smtp-password-file");
    config.smtp_ca = get_string(file, "smtp-ca");
    config.default_cipher = get_string(file, "default-cipher");
    config.digest = get_string(file, "digest");
    config.system_trust = get_bool(file, "system-trust");
    config.require_crl = get_bool(file, "require-crl");
    if (auto size = get_string(file, "max-message-size")) {
        config.max_message_size = parse_byte_size(*size, "smime.conf: max-message-size");
    }
    if (auto policy = get_string(file, "revocation")) {
        config.revocation = parse_revocation_policy(*policy, "smime.conf: revocation");
    }
    config.offline = get_bool(file, "offline");
    config.ocsp_nonce = get_bool(file, "ocsp-nonce");
    config.revocation_timeout = get_seconds(file, "revocation-timeout");
    config.ocsp_max_age = get_seconds(file, "ocsp-max-age");
    return config;
}

}  // namespace

std::uint64_t Config::message_size_limit() const noexcept {
    return max_message_size.value_or(limits::k_default_max_message_size);
}

std::optional<std::string> oversize_reason(const Config& config, std::size_t size) {
    if (size <= config.message_size_limit()) {
        return std::nullopt;
    }
    return "the message is larger than max-message-size (" + std::to_string(config.message_size_limit()) + " bytes)";
}

RevocationPolicy parse_revocation_policy(std::string_view text, std::string_view what) {
    if (text == "off") return RevocationPolicy::off;
    if (text == "soft") return RevocationPolicy::soft;
    if (text == "hard") return RevocationPolicy::hard;
    throw Error(Errc::config, std::string(what) + ": " + std::string(text) + " is not off, soft or hard");
}

std::uint64_t parse_byte_size(std::string_view text, std::string_view what) {
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
    int shift = unit.empty() ? 0 : unit == "K" || unit == "k" ? 10 : unit == "M" || unit == "m" ? 20
                                 : unit == "G" || unit == "g" ? 30 : -1;
    if (ec != std::errc() || shift < 0 || value == 0 || value > (UINT64_MAX >> shift)) {
        throw Error(Errc::config, std::string(what) + ": \"" + std::string(text) +
                                      "\" is not a size (bytes, or a number with K, M or G)");
    }
    return value << shift;
}

Config parse_config(std::string_view text) {
    KeyFile file(g_key_file_new(), &g_key_file_free);
    GError* error = nullptr;
    if (!g_key_file_load_from_data(file.get(), text.data(), text.size(), G_KEY_FILE_NONE, &error)) {
        std::string message = std::string("smime.conf: ") + error->message;
        g_error_free(error);
        throw Error(Errc::config, message);
    }
    return read(file.get());
}

Config load_config(const std::string& home) {
    std::string path = home + "/smime.conf";
    gchar* contents = nullptr;
    gsize length = 0;
    GError* error = nullptr;
    if (!g_file_get_contents(path.c_str(), &contents, &length, &error)) {
        bool missing = g_error_matches(error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
        std::string message = path + ": " + error->message;
        g_error_free(error);
        if (missing) {
            return {};
        }
        throw Error(Errc::config, message);
    }
    std::string text(contents, length);
    g_free(contents);
    return parse_config(text);
}

}  // namespace smime
