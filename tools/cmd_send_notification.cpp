// smime send-notification (placeholder until it lands).
#include <smime/error.hpp>

#include "commands.hpp"

namespace smime::cli {

CLI::App* setup_send_notification(CLI::App& app, SendNotificationOptions& options) {
    auto* sub = app.add_subcommand("send-notification", "not implemented yet");
    (void)options;
    return sub;
}

int run_send_notification(const SendNotificationOptions&, Context&) {
    throw Error(Errc::usage, "send-notification is not implemented yet");
}

}  // namespace smime::cli
