// smime import-crl (placeholder).
#include <smime/error.hpp>

#include "commands.hpp"

namespace smime::cli {

CLI::App* setup_import_crl(CLI::App& app, ImportCrlOptions& options) {
    auto* sub = app.add_subcommand("import-crl", "not implemented yet");
    (void)options;
    return sub;
}

int run_import_crl(const ImportCrlOptions&, Context&) {
    throw Error(Errc::usage, "import-crl is not implemented yet");
}

}  // namespace smime::cli
