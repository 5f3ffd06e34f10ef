// smime import-cert (placeholder).
#include <smime/error.hpp>

#include "commands.hpp"

namespace smime::cli {

CLI::App* setup_import_cert(CLI::App& app, ImportCertOptions& options) {
    auto* sub = app.add_subcommand("import-cert", "not implemented yet");
    (void)options;
    return sub;
}

int run_import_cert(const ImportCertOptions&, Context&) {
    throw Error(Errc::usage, "import-cert is not implemented yet");
}

}  // namespace smime::cli
