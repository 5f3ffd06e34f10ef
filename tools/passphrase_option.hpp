// --passphrase-file F and --passphrase-fd N, for every command that may
// unlock a key (gpgsm has both). Passphrases never come from argv.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include <smime/context.hpp>

namespace smime::cli {

struct PassphraseOptions {
    std::string file;
    int fd = -1;
};

// Adds both options (mutually exclusive); what: whose passphrase it is.
void add_passphrase_options(CLI::App* sub, PassphraseOptions& options, const std::string& what);

// Puts the passphrase source into the context: the descriptor is read now
// (once, first line), the file when a key needs it. Either wins over
// SMIME_PASSPHRASE_FILE. Throws Error{Errc::io} when the descriptor cannot
// be read.
void use_passphrase(Context& ctx, const PassphraseOptions& options);

}  // namespace smime::cli
