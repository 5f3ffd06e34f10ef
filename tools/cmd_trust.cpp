// smime trust (placeholder).
#include <smime/error.hpp>

#include "commands.hpp"

namespace smime::cli {

CLI::App* setup_trust(CLI::App& app, TrustOptions& options) {
    auto* sub = app.add_subcommand("trust", "not implemented yet");
    (void)options;
    return sub;
}

int run_trust(const TrustOptions&, Context&) {
    throw Error(Errc::usage, "trust is not implemented yet");
}

}  // namespace smime::cli
