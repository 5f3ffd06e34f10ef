// smime list (placeholder).
#include <smime/error.hpp>

#include "commands.hpp"

namespace smime::cli {

CLI::App* setup_list(CLI::App& app, ListOptions& options) {
    auto* sub = app.add_subcommand("list", "not implemented yet");
    (void)options;
    return sub;
}

int run_list(const ListOptions&, Context&) {
    throw Error(Errc::usage, "list is not implemented yet");
}

}  // namespace smime::cli
