// The plain (unsigned, unencrypted) notification for one recipient, built
// with GMime: Date, Message-ID, MIME-Version, From, To, an RFC 2047 Subject
// and an HTML, text or multipart/alternative body.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace smime::notify {

struct Letter {
    std::string from;
    std::string to;
    std::string subject;               // UTF-8
    std::optional<std::string> html;   // UTF-8
    std::optional<std::string> text;   // UTF-8; with html: multipart/alternative
    std::chrono::system_clock::time_point date;
    std::string message_id;            // without angle brackets
};

// A fresh, random Message-ID ("<hex>@<domain of sender>", no brackets).
std::string make_message_id(std::string_view sender);

// The message as text with LF line ends, every part 7-bit clean (quoted-
// printable or base64 where needed) so signing sees stable bytes.
// Throws Error{Errc::usage} when the body or subject is not UTF-8.
std::string compose(const Letter& letter);

}  // namespace smime::notify
