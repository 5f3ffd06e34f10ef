// smime verify (placeholder until it lands).
#include <smime/error.hpp>

#include "commands.hpp"

namespace smime::cli {

CLI::App* setup_verify(CLI::App& app, VerifyOptions& options) {
    auto* sub = app.add_subcommand("verify", "not implemented yet");
    (void)options;
    return sub;
}

int run_verify(const VerifyOptions&, Context&) {
    throw Error(Errc::usage, "verify is not implemented yet");
}

}  // namespace smime::cli
