// smime encrypt (placeholder until it lands).
#include <smime/error.hpp>

#include "commands.hpp"

namespace smime::cli {

CLI::App* setup_encrypt(CLI::App& app, EncryptOptions& options) {
    auto* sub = app.add_subcommand("encrypt", "not implemented yet");
    (void)options;
    return sub;
}

int run_encrypt(const EncryptOptions&, Context&) {
    throw Error(Errc::usage, "encrypt is not implemented yet");
}

}  // namespace smime::cli
