#include "global_options.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <smime/config.hpp>

namespace smime::cli {

void add_global_options(CLI::App& app, GlobalOptions& global) {
    app.fallthrough();
    app.add_option("--home", global.home, "keyring directory (else $SMIME_HOME, else XDG data dir)");
    app.add_option("--status-fd", global.status_fd, "write one JSON status object per line to this fd");
    app.add_flag("--json", global.json, "reports as JSON (see smime(1))");
    app.add_flag("-q,--quiet", global.quiet, "fewer messages on stderr");
    app.add_flag("-v,--verbose", global.verbose, "more messages on stderr");
    app.add_option("--max-message-size", global.max_message_size,
                   "larger messages are refused (bytes, or with K, M, G; default 1G)");
    app.add_option("--revocation", global.revocation,
                   "online revocation checks (OCSP): off, soft (default: no answer is not a failure) or hard")
        ->check(CLI::IsMember({"off", "soft", "hard"}));
    app.add_flag("--offline", global.offline, "no network use (stored CRLs and OCSP answers still count)");
    app.add_option("-o,--output", global.output,
                   "write the product to this file (replaced atomically, only when the command finished)");
    add_passphrase_options(&app, global.passphrase, "passphrase of the key to unlock");
}

ReportTo report_to(const GlobalOptions& global, Product product) {
    if (!global.json) {
        return {};
    }
    switch (product) {
    case Product::none: return {STDOUT_FILENO, true};
    case Product::listing: return {-1, true};
    case Product::message: return {STDERR_FILENO, false};
    }
    return {};
}

Context make_context(const GlobalOptions& global, ReportTo report, std::optional<Error>* config_error) {
    if (global.status_fd >= 0 && ::fcntl(global.status_fd, F_GETFD) < 0) {
        throw Error(Errc::usage, "--status-fd " + std::to_string(global.status_fd) + " is not open");
    }
    std::string home = global.home.empty() ? default_home() : global.home;
    auto verbosity = global.quiet     ? Verbosity::quiet
                     : global.verbose ? Verbosity::verbose
                                      : Verbosity::normal;
    Config config;
    try {
        config = load_config(home);
    } catch (const Error& e) {
        if (config_error == nullptr) {
            throw;
        }
        *config_error = e;
    }
    if (!global.max_message_size.empty()) {
        config.max_message_size = parse_byte_size(global.max_message_size, "--max-message-size");
    }
    if (!global.revocation.empty()) {
        config.revocation = parse_revocation_policy(global.revocation, "--revocation");
    }
    if (global.offline) {
        config.offline = true;
    }
    return Context(home, StatusSink(global.status_fd, report.fd), Reporter(verbosity, global.json, report.text),
                   std::move(config));
}

}  // namespace smime::cli
