#include "ops/notify_compose.hpp"

#include <array>
#include <memory>

#include <gmime/gmime.h>
#include <gnutls/crypto.h>

#include <smime/cert_info.hpp>
#include <smime/error.hpp>

#include "gmime/init.hpp"
#include "gmime/object_ptr.hpp"

namespace smime::notify {

namespace {

using gmime::ObjectPtr;
using DateTime = std::unique_ptr<GDateTime, decltype(&g_date_time_unref)>;

void require_utf8(std::string_view text, const char* what) {
    if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
        throw Error(Errc::usage, std::string(what) + " is not valid UTF-8");
    }
}

bool is_ascii(std::string_view text) {
    for (unsigned char c : text) {
        if (c >= 0x80) {
            return false;
        }
    }
    return true;
}

// A text/<subtype> part holding the UTF-8 bytes as they are (GMime's
// set_text would transcode to a "best" legacy charset).
ObjectPtr<GMimeObject> text_part(const char* subtype, const std::string& body) {
    auto part = ObjectPtr<GMimeTextPart>::adopt(g_mime_text_part_new_with_subtype(subtype));
    auto stream = ObjectPtr<GMimeStream>::adopt(g_mime_stream_mem_new_with_buffer(body.data(), body.size()));
    auto content = ObjectPtr<GMimeDataWrapper>::adopt(
        g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(GMIME_PART(part.get()), content.get());
    g_mime_text_part_set_charset(part.get(), is_ascii(body) ? "us-ascii" : "utf-8");
    return ObjectPtr<GMimeObject>::ref(GMIME_OBJECT(part.get()));
}

ObjectPtr<GMimeObject> body_of(const Letter& letter) {
    if (letter.html && letter.text) {
        auto alternative = ObjectPtr<GMimeMultipart>::adopt(g_mime_multipart_new_with_subtype("alternative"));
        // Least preferred first (RFC 2046 §5.1.4): text, then HTML.
        g_mime_multipart_add(alternative.get(), text_part("plain", *letter.text).get());
        g_mime_multipart_add(alternative.get(), text_part("html", *letter.html).get());
        return ObjectPtr<GMimeObject>::ref(GMIME_OBJECT(alternative.get()));
    }
    if (letter.text) {
        return text_part("plain", *letter.text);
    }
    return text_part("html", letter.html.value_or(std::string()));
}

// A subject is one line: control characters (a newline from a script's
// variable) become spaces rather than encoded line breaks.
std::string one_line(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            c = ' ';
        }
    }
    return out;
}

std::string domain_of(std::string_view address) {
    auto at = address.rfind('@');
    return at == std::string_view::npos ? std::string("localhost") : std::string(address.substr(at + 1));
}

}  // namespace

std::string make_message_id(std::string_view sender) {
    std::array<std::uint8_t, 16> random{};
    if (gnutls_rnd(GNUTLS_RND_NONCE, random.data(), random.size()) < 0) {
        throw Error(Errc::crypto, "gnutls_rnd failed");
    }
    return to_hex(random) + "@" + domain_of(sender);
}

std::string compose(const Letter& letter) {
    gmime::ensure_initialised();
    require_utf8(letter.subject, "subject");
    if (letter.html) {
        require_utf8(*letter.html, "HTML body");
    }
    if (letter.text) {
        require_utf8(*letter.text, "text body");
    }

    auto message = ObjectPtr<GMimeMessage>::adopt(g_mime_message_new(TRUE));
    g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_FROM, nullptr, letter.from.c_str());
    g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_TO, nullptr, letter.to.c_str());
    g_mime_message_set_subject(message.get(), one_line(letter.subject).c_str(), "utf-8");

    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(letter.date.time_since_epoch()).count();
    DateTime utc(g_date_time_new_from_unix_utc(seconds), &g_date_time_unref);
    if (!utc) {
        throw Error(Errc::internal, "clock out of range");
    }
    g_mime_message_set_date(message.get(), utc.get());
    g_mime_message_set_message_id(message.get(), letter.message_id.c_str());

    auto body = body_of(letter);
    g_mime_object_encode(body.get(), GMIME_ENCODING_CONSTRAINT_7BIT);
    g_mime_message_set_mime_part(message.get(), body.get());

    gchar* text = g_mime_object_to_string(GMIME_OBJECT(message.get()), nullptr);
    std::string out = text != nullptr ? text : "";
    g_free(text);
    if (out.empty() || out.back() != '\n') {
        out += '\n';  // GMime ends on the closing boundary; a message ends with a line end
    }
    return out;
}

}  // namespace smime::notify
