// smime import-key (placeholder).
#include <smime/error.hpp>

#include "commands.hpp"

namespace smime::cli {

CLI::App* setup_import_key(CLI::App& app, ImportKeyOptions& options) {
    auto* sub = app.add_subcommand("import-key", "not implemented yet");
    (void)options;
    return sub;
}

int run_import_key(const ImportKeyOptions&, Context&) {
    throw Error(Errc::usage, "import-key is not implemented yet");
}

}  // namespace smime::cli
