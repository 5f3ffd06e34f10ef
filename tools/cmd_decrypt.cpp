// smime decrypt (placeholder until it lands).
#include <smime/error.hpp>

#include "commands.hpp"

namespace smime::cli {

CLI::App* setup_decrypt(CLI::App& app, DecryptOptions& options) {
    auto* sub = app.add_subcommand("decrypt", "not implemented yet");
    (void)options;
    return sub;
}

int run_decrypt(const DecryptOptions&, Context&) {
    throw Error(Errc::usage, "decrypt is not implemented yet");
}

}  // namespace smime::cli
