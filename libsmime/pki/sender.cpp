#include "pki/sender.hpp"

#include <algorithm>

#include "mime/address.hpp"

namespace smime::signature {

namespace {

bool carries(const std::vector<std::string>& cert_emails, const std::string& address) {
    std::string folded = util::fold_address(address);
    return std::any_of(cert_emails.begin(), cert_emails.end(),
                       [&](const std::string& e) { return util::fold_address(e) == folded; });
}

SenderMatch fail(std::string reason) { return SenderMatch{false, {}, std::move(reason)}; }

std::vector<std::string> addresses_of(const mime::Entity& message, const char* name) {
    const mime::HeaderField* field = message.find(name);
    return field == nullptr ? std::vector<std::string>{} : util::parse_address_list(mime::unfold(field->value));
}

}  // namespace

SenderMatch match_sender(const mime::Entity& message, const std::vector<std::string>& cert_emails) {
    if (cert_emails.empty()) {
        return fail("signer certificate carries no email address");
    }
    std::size_t from_count = message.count("From");
    if (from_count == 0) {
        return fail("message has no From");
    }
    if (from_count > 1) {
        return fail("message has more than one From field");
    }
    auto from = addresses_of(message, "From");
    if (from.empty()) {
        return fail("From has no address");
    }
    auto sender = addresses_of(message, "Sender");
    const std::string& signer = cert_emails.front();
    if (from.size() == 1) {
        if (carries(cert_emails, from.front())) {
            return SenderMatch{true, from.front(), {}};
        }
        if (message.count("Sender") == 1 && sender.size() == 1 && carries(cert_emails, sender.front())) {
            return fail("signer " + signer + " matches only Sender " + sender.front() + ", not From " + from.front());
        }
        return fail("signer " + signer + " does not match From " + from.front());
    }
    // Several authors: RFC 5322 §3.6.2 requires a Sender, which must be one
    // of them and the signer.
    if (message.count("Sender") != 1 || sender.size() != 1) {
        return fail("From has several addresses and there is no single Sender");
    }
    std::string folded = util::fold_address(sender.front());
    bool in_from = std::any_of(from.begin(), from.end(),
                               [&](const std::string& a) { return util::fold_address(a) == folded; });
    if (!in_from) {
        return fail("Sender " + sender.front() + " is not one of the From addresses");
    }
    if (!carries(cert_emails, sender.front())) {
        return fail("signer " + signer + " does not match Sender " + sender.front());
    }
    return SenderMatch{true, sender.front(), {}};
}

}  // namespace smime::signature
