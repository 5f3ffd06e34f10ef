// smime check (placeholder).
#include <smime/error.hpp>

#include "commands.hpp"

namespace smime::cli {

CLI::App* setup_check(CLI::App& app, CheckOptions& options) {
    auto* sub = app.add_subcommand("check", "not implemented yet");
    (void)options;
    return sub;
}

int run_check(const CheckOptions&, Context&) {
    throw Error(Errc::usage, "check is not implemented yet");
}

}  // namespace smime::cli
