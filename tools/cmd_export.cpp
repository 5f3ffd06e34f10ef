// smime export (placeholder).
#include <smime/error.hpp>

#include "commands.hpp"

namespace smime::cli {

CLI::App* setup_export(CLI::App& app, ExportOptions& options) {
    auto* sub = app.add_subcommand("export", "not implemented yet");
    (void)options;
    return sub;
}

int run_export(const ExportOptions&, Context&) {
    throw Error(Errc::usage, "export is not implemented yet");
}

}  // namespace smime::cli
