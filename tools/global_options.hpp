// The options every subcommand accepts, before or after its name
// (`smime --json list` = `smime list --json`, as in gpgsm and git), and
// the per-run Context they make.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include <smime/context.hpp>
#include <smime/error.hpp>

#include "passphrase_option.hpp"

namespace smime::cli {

struct GlobalOptions {
    std::string home;
    int status_fd = -1;
    bool json = false;
    bool quiet = false;
    bool verbose = false;
    std::string max_message_size;
    std::string revocation;  // off, soft, hard; empty: smime.conf's, else soft
    bool offline = false;
    std::string output;
    PassphraseOptions passphrase;  // handed to the commands that unlock keys
};

// Adds them to app and lets every subcommand added afterwards pass options
// it does not know up to app (CLI11 fallthrough).
void add_global_options(CLI::App& app, GlobalOptions& global);

// What a subcommand writes on stdout besides its report.
enum class Product {
    none,     // nothing: with --json its status lines are its report, on stdout
    listing,  // list, export: with --json the product itself is JSON
    message,  // a mail: with --json its status lines go to stderr
};

// Where the --json report goes.
struct ReportTo {
    int fd = -1;       // see Product; -1 without --json
    bool text = true;  // human lines on stderr too (not when the JSON is there)
};
ReportTo report_to(const GlobalOptions& global, Product product);

// config_error: when given, a smime.conf that cannot be read is not fatal
// here: the error lands there and the default configuration is used (the
// mail filters still have to pass the message through).
Context make_context(const GlobalOptions& global, ReportTo report, std::optional<Error>* config_error);

}  // namespace smime::cli
