#include <smime/context.hpp>

#include <cstdlib>
#include <iostream>

namespace smime {

void Reporter::info(const std::string& message) const {
    if (m_text && m_verbosity != Verbosity::quiet) {
        std::cerr << "smime: " << message << '\n';
    }
}

void Reporter::verbose(const std::string& message) const {
    if (m_text && m_verbosity == Verbosity::verbose) {
        std::cerr << "smime: " << message << '\n';
    }
}

void Reporter::error(const std::string& message) const {
    if (m_text) {
        std::cerr << "smime: " << message << '\n';
    }
}

Context::Context(std::string home, StatusSink status, Reporter reporter, Config config)
    : m_home(std::move(home)),
      m_status(std::move(status)),
      m_reporter(reporter),
      m_config(std::move(config)),
      m_clock([] { return std::chrono::system_clock::now(); }) {
    if (const char* file = std::getenv("SMIME_PASSPHRASE_FILE"); file != nullptr && *file != '\0') {
        m_passphrase_file = file;
    }
}

std::string default_home() {
    if (const char* home = std::getenv("SMIME_HOME"); home != nullptr && *home != '\0') {
        return home;
    }
    if (const char* data = std::getenv("XDG_DATA_HOME"); data != nullptr && *data != '\0') {
        return std::string(data) + "/smime";
    }
    const char* user_home = std::getenv("HOME");
    return std::string(user_home != nullptr ? user_home : ".") + "/.local/share/smime";
}

}  // namespace smime
