// smime delete (placeholder).
#include <smime/error.hpp>

#include "commands.hpp"

namespace smime::cli {

CLI::App* setup_delete(CLI::App& app, DeleteOptions& options) {
    auto* sub = app.add_subcommand("delete", "not implemented yet");
    (void)options;
    return sub;
}

int run_delete(const DeleteOptions&, Context&) {
    throw Error(Errc::usage, "delete is not implemented yet");
}

}  // namespace smime::cli
