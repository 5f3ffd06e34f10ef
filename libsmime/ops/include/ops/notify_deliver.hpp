// Delivery of finished messages. Each backend takes every message of the run
// at once (so SMTP can reuse one connection) and answers per message; no
// backend ever retries a message, so nothing is sent twice.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <smime/notify.hpp>

namespace smime::notify {

struct Outgoing {
    std::string recipient;  // envelope and header recipient
    std::string message;    // the whole message (LF or CRLF line ends)
};

struct Delivered {
    bool sent = false;
    std::string reason;  // why not, when !sent
    std::string where;   // backend detail when sent (e.g. the .eml path)
};

// One run of CMD (split like a shell would, no shell involved) per message,
// the message on its stdin; exit status 0 within the timeout means sent.
std::vector<Delivered> deliver_sendmail(const std::string& command, long timeout_seconds,
                                        std::span<const Outgoing> messages);

// libcurl SMTP: smtp:// with STARTTLS required, or smtps://.
std::vector<Delivered> deliver_smtp(const SmtpSettings& settings, const std::string& envelope_from,
                                    std::span<const Outgoing> messages);

// One .eml file per message in dir, each written atomically.
std::vector<Delivered> deliver_dir(const std::string& dir, std::span<const Outgoing> messages);

}  // namespace smime::notify
