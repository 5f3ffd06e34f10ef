// Placeholder until sign/verify land.
#include <smime/error.hpp>
#include <smime/sign.hpp>
#include <smime/verify.hpp>

namespace smime {
SignResult sign_message(Context&, Keyring&, std::string_view, const SignParams&) {
    throw Error(Errc::internal, "sign is not implemented yet");
}
VerifyResult verify_message(Context&, Keyring&, std::string_view, const VerifyParams&) {
    throw Error(Errc::internal, "verify is not implemented yet");
}
}  // namespace smime
