// SMTP through libcurl (GnuTLS build). One easy handle for the whole run, so
// libcurl keeps the connection open between messages when the server lets
// it. Each message is one transaction (MAIL FROM, one RCPT TO, DATA): any
// error (4xx, 5xx, dropped connection, timeout) leaves it "not sent", and it
// is not retried unless the server provably never saw it (see send()).
#include <algorithm>
#include <cctype>
#include <memory>


#include <smime/error.hpp>
#include <smime/secret.hpp>

#include "mime/line_ends.hpp"
#include "curl/curl_library.hpp"
#include "ops/notify_deliver.hpp"

namespace smime::notify {

namespace {

struct EasyFree {
    void operator()(CURL* p) const noexcept { curl_library().easy_cleanup(p); }
};
struct SlistFree {
    void operator()(curl_slist* p) const noexcept { curl_library().slist_free_all(p); }
};
using Easy = std::unique_ptr<CURL, EasyFree>;
using Slist = std::unique_ptr<curl_slist, SlistFree>;

// curl_global_init/cleanup for the duration of one delivery run.
class CurlInit {
public:
    CurlInit() {
        if (curl_library().global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            throw Error(Errc::internal, "curl_global_init failed");
        }
    }
    CurlInit(const CurlInit&) = delete;
    CurlInit& operator=(const CurlInit&) = delete;
    ~CurlInit() { curl_library().global_cleanup(); }
};

void set(CURL* easy, CURLoption option, auto value, const char* what) {
    CURLcode rc = curl_library().easy_setopt(easy, option, value);
    if (rc != CURLE_OK) {
        throw Error(Errc::internal, std::string("curl_library().easy_setopt(") + what + "): " + curl_library().easy_strerror(rc),
                    static_cast<int>(rc));
    }
}

enum class Scheme { smtp, smtps };

Scheme scheme_of(const std::string& url) {
    std::string lower(url.substr(0, 8));
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower.starts_with("smtps://")) {
        return Scheme::smtps;
    }
    if (lower.starts_with("smtp://")) {
        return Scheme::smtp;
    }
    throw Error(Errc::usage, "--smtp " + url + ": the URL must start with smtp:// or smtps://");
}

// The message being uploaded (CURLOPT_READFUNCTION).
struct Upload {
    std::string_view rest;
};

size_t read_callback(char* buffer, size_t size, size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    size_t n = std::min(size * count, upload->rest.size());
    std::copy_n(upload->rest.data(), n, buffer);
    upload->rest.remove_prefix(n);
    return n;
}

// The server's replies (libcurl passes SMTP responses as headers): the
// first 4xx/5xx one explains a failure better than the QUIT reply after it.
struct Replies {
    std::string last;
    std::string first_error;
    void clear() {
        last.clear();
        first_error.clear();
    }
    const std::string& best() const { return first_error.empty() ? last : first_error; }
};

size_t header_callback(char* buffer, size_t size, size_t count, void* user) {
    auto* replies = static_cast<Replies*>(user);
    std::string_view line(buffer, size * count);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.remove_suffix(1);
    }
    if (line.size() >= 3 && std::isdigit(static_cast<unsigned char>(line[0])) != 0) {
        replies->last.assign(line.substr(0, 200));
        if (replies->first_error.empty() && (line[0] == '4' || line[0] == '5')) {
            replies->first_error = replies->last;
        }
    }
    return size * count;
}

// Errors after which no other message can get through either: the next
// attempt would only repeat the same failure (or a wrong password).
bool ends_the_run(CURLcode rc) {
    switch (rc) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_LOGIN_DENIED:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_OPERATION_TIMEDOUT:
        return true;
    default:
        return false;
    }
}

class SmtpSession {
public:
    SmtpSession(const SmtpSettings& settings, const std::string& envelope_from) : m_easy(curl_library().easy_init()) {
        if (!m_easy) {
            throw Error(Errc::internal, "curl_easy_init failed");
        }
        CURL* easy = m_easy.get();
        Scheme scheme = scheme_of(settings.url);
        set(easy, CURLOPT_URL, settings.url.c_str(), "URL");
        set(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps", "PROTOCOLS_STR");
        if (scheme == Scheme::smtp) {
            set(easy, CURLOPT_USE_SSL, settings.allow_plaintext ? long{CURLUSESSL_TRY} : long{CURLUSESSL_ALL},
                "USE_SSL");
        }
        if (!settings.ca_file.empty()) {
            set(easy, CURLOPT_CAINFO, settings.ca_file.c_str(), "CAINFO");
        }
        if (!settings.user.empty()) {
            set(easy, CURLOPT_USERNAME, settings.user.c_str(), "USERNAME");
        }
        if (!settings.password_file.empty()) {
            Secret password = read_passphrase_file(settings.password_file);
            set(easy, CURLOPT_PASSWORD, password.value().c_str(), "PASSWORD");  // libcurl keeps a copy
        }
        long timeout = std::max(1L, settings.timeout_seconds);
        set(easy, CURLOPT_CONNECTTIMEOUT, timeout, "CONNECTTIMEOUT");
        set(easy, CURLOPT_SERVER_RESPONSE_TIMEOUT, timeout, "SERVER_RESPONSE_TIMEOUT");
        set(easy, CURLOPT_LOW_SPEED_LIMIT, 1L, "LOW_SPEED_LIMIT");
        set(easy, CURLOPT_LOW_SPEED_TIME, timeout, "LOW_SPEED_TIME");
        set(easy, CURLOPT_NOSIGNAL, 1L, "NOSIGNAL");
        // One cached connection: a fresh one (see send) evicts the one that failed.
        set(easy, CURLOPT_MAXCONNECTS, 1L, "MAXCONNECTS");
        set(easy, CURLOPT_UPLOAD, 1L, "UPLOAD");
        set(easy, CURLOPT_READFUNCTION, &read_callback, "READFUNCTION");
        set(easy, CURLOPT_HEADERFUNCTION, &header_callback, "HEADERFUNCTION");
        set(easy, CURLOPT_HEADERDATA, &m_replies, "HEADERDATA");
        set(easy, CURLOPT_ERRORBUFFER, m_error, "ERRORBUFFER");
        m_mail_from = "<" + envelope_from + ">";
        set(easy, CURLOPT_MAIL_FROM, m_mail_from.c_str(), "MAIL_FROM");
    }

    // One message; returns the libcurl result and fills reason on failure.
    // It is tried a second time only when the first try provably never
    // reached the server: a reused connection that turned out dead before
    // the server's first reply (libcurl does not pipeline, so nothing of the
    // message was sent). Anything else is never retried: no duplicates.
    CURLcode send(const Outgoing& outgoing, std::string& reason) {
        std::string wire = mime::to_crlf(outgoing.message);
        Slist rcpt(curl_library().slist_append(nullptr, ("<" + outgoing.recipient + ">").c_str()));
        if (!rcpt) {
            throw Error(Errc::internal, "curl_slist_append failed");
        }
        CURLcode rc = attempt(wire, rcpt.get());
        if (rc != CURLE_OK && reused_connection() && m_replies.last.empty()) {
            rc = attempt(wire, rcpt.get());  // FRESH_CONNECT is set after a failure
        }
        if (rc != CURLE_OK) {
            reason = "smtp: " + std::string(m_error[0] != '\0' ? m_error : curl_library().easy_strerror(rc));
            if (!m_replies.best().empty()) {
                reason += " (server said: " + m_replies.best() + ")";
            }
        }
        return rc;
    }

private:
    CURLcode attempt(std::string_view wire, curl_slist* rcpt) {
        CURL* easy = m_easy.get();
        Upload upload{wire};
        set(easy, CURLOPT_MAIL_RCPT, rcpt, "MAIL_RCPT");
        set(easy, CURLOPT_READDATA, &upload, "READDATA");
        set(easy, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(wire.size()), "INFILESIZE_LARGE");
        m_error[0] = '\0';
        m_replies.clear();
        CURLcode rc = curl_library().easy_perform(easy);
        set(easy, CURLOPT_MAIL_RCPT, static_cast<curl_slist*>(nullptr), "MAIL_RCPT");
        set(easy, CURLOPT_READDATA, static_cast<void*>(nullptr), "READDATA");
        // After a failure the cached connection may be dead or mid-transaction
        // (libcurl does not always notice a peer that hung up), so the next
        // transfer starts on a new one; after a success it is reused.
        set(easy, CURLOPT_FRESH_CONNECT, rc == CURLE_OK ? 0L : 1L, "FRESH_CONNECT");
        return rc;
    }

    // Whether the last transfer ran on a connection kept from an earlier one.
    bool reused_connection() const {
        long created = -1;
        return curl_library().easy_getinfo(m_easy.get(), CURLINFO_NUM_CONNECTS, &created) == CURLE_OK && created == 0;
    }

    Easy m_easy;
    std::string m_mail_from;
    Replies m_replies;
    char m_error[CURL_ERROR_SIZE] = {};
};

}  // namespace

std::vector<Delivered> deliver_smtp(const SmtpSettings& settings, const std::string& envelope_from,
                                    std::span<const Outgoing> messages) {
    CurlInit init;
    SmtpSession session(settings, envelope_from);
    std::vector<Delivered> results;
    std::string fatal;
    for (const auto& outgoing : messages) {
        if (!fatal.empty()) {
            results.push_back({false, fatal, {}});
            continue;
        }
        std::string reason;
        CURLcode rc = session.send(outgoing, reason);
        if (rc == CURLE_OK) {
            results.push_back({true, {}, settings.url});
            continue;
        }
        results.push_back({false, reason, {}});
        if (ends_the_run(rc)) {
            fatal = reason;
        }
    }
    return results;
}

}  // namespace smime::notify
