// Per-run state handed down to every operation instead of globals
// (gpgsm's ctrl_t, ccache's Context).
#pragma once

#include <smime/export.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <smime/config.hpp>
#include <smime/status.hpp>

namespace smime {

class Secret;

enum class Verbosity { quiet, normal, verbose };

// Human messages for stderr; -q/-v decide what is shown. text false: none
// at all (with --json, when stderr carries the JSON report instead).
class SMIME_API Reporter {
public:
    explicit Reporter(Verbosity verbosity = Verbosity::normal, bool json = false, bool text = true)
        : m_verbosity(verbosity), m_json(json), m_text(text) {}
    void info(const std::string& message) const;     // hidden by -q
    void verbose(const std::string& message) const;  // shown with -v
    void error(const std::string& message) const;    // always shown
    bool json() const noexcept { return m_json; }
    Verbosity verbosity() const noexcept { return m_verbosity; }

private:
    Verbosity m_verbosity;
    bool m_json;
    bool m_text;
};

using Clock = std::function<std::chrono::system_clock::time_point()>;

class SMIME_API Context {
public:
    Context(std::string home, StatusSink status, Reporter reporter, Config config);

    const std::string& home() const noexcept { return m_home; }
    StatusSink& status() noexcept { return m_status; }
    const Reporter& report() const noexcept { return m_reporter; }
    const Config& config() const noexcept { return m_config; }

    std::chrono::system_clock::time_point now() const { return m_clock(); }
    void set_clock(Clock clock) { m_clock = std::move(clock); }

    // Where a passphrase comes from (--passphrase-file, else
    // SMIME_PASSPHRASE_FILE); empty when none was given.
    const std::string& passphrase_file() const noexcept { return m_passphrase_file; }
    void set_passphrase_file(std::string path) { m_passphrase_file = std::move(path); }

    // A passphrase already read (--passphrase-fd: a descriptor can be read
    // only once); it wins over the file. Wiped when the last owner drops it.
    const std::shared_ptr<const Secret>& passphrase() const noexcept { return m_passphrase; }
    void set_passphrase(std::shared_ptr<const Secret> secret) { m_passphrase = std::move(secret); }

    // The input message when it is a read-only file mapping: pages of it that
    // have been read may be dropped (they come back from the file), so a
    // large input does not count twice in memory. Empty otherwise.
    std::string_view input_mapping() const noexcept { return m_input_mapping; }
    void set_input_mapping(std::string_view mapping) noexcept { m_input_mapping = mapping; }

private:
    std::string m_home;
    StatusSink m_status;
    Reporter m_reporter;
    Config m_config;
    Clock m_clock;
    std::string m_passphrase_file;
    std::shared_ptr<const Secret> m_passphrase;
    std::string_view m_input_mapping;
};

// SPEC "Global options": --home, else $SMIME_HOME, else
// ${XDG_DATA_HOME:-$HOME/.local/share}/smime.
SMIME_API std::string default_home();

}  // namespace smime
