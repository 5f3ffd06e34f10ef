// smime sign (placeholder until it lands).
#include <smime/error.hpp>

#include "commands.hpp"

namespace smime::cli {

CLI::App* setup_sign(CLI::App& app, SignOptions& options) {
    auto* sub = app.add_subcommand("sign", "not implemented yet");
    (void)options;
    return sub;
}

int run_sign(const SignOptions&, Context&) {
    throw Error(Errc::usage, "sign is not implemented yet");
}

}  // namespace smime::cli
