// Placeholder until send-notification lands.
#include <smime/error.hpp>
#include <smime/notify.hpp>

namespace smime {
std::vector<StatusLine> send_notification(Context&, Keyring&, const NotifyParams&) {
    throw Error(Errc::internal, "send-notification is not implemented yet");
}
}  // namespace smime
