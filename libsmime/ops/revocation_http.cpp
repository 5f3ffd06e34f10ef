#include "ops/revocation_http.hpp"

#include <memory>

#include <smime/error.hpp>

#include "curl/curl_library.hpp"

namespace smime::ops {

namespace {
using notify::curl_library;

struct EasyFree {
    void operator()(CURL* p) const noexcept { curl_library().easy_cleanup(p); }
};
struct SlistFree {
    void operator()(curl_slist* p) const noexcept { curl_library().slist_free_all(p); }
};

struct Received {
    Bytes body;
    std::size_t max_size = 0;
    bool too_large = false;
};

std::size_t on_data(char* data, std::size_t size, std::size_t count, void* user) {
    auto* received = static_cast<Received*>(user);
    std::size_t n = size * count;
    if (received->body.size() + n > received->max_size) {
        received->too_large = true;
        return 0;  // libcurl stops with CURLE_WRITE_ERROR
    }
    received->body.insert(received->body.end(), data, data + n);
    return n;
}

// Once per process: libcurl's global state is not set up per request.
void init_once() {
    static const bool k_ready = curl_library().global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!k_ready) {
        throw Error(Errc::internal, "curl_global_init failed");
    }
}
}  // namespace

namespace {
struct Request {
    const std::string& url;
    const char* content_type = nullptr;  // nullptr: a GET
    const char* accept_type = nullptr;   // nullptr: any
    std::span<const std::uint8_t> body;
    std::chrono::milliseconds timeout;
    std::size_t max_size = 0;
};

HttpAnswer perform(const Request& request) {
    HttpAnswer answer;
    const std::string& url = request.url;
    if (request.timeout.count() <= 0) {
        answer.error = "no time left for " + url;
        return answer;
    }
    init_once();
    const auto& curl = curl_library();
    std::unique_ptr<CURL, EasyFree> easy(curl.easy_init());
    if (!easy) {
        throw Error(Errc::internal, "curl_easy_init failed");
    }
    std::unique_ptr<curl_slist, SlistFree> headers;
    Received received;
    received.max_size = request.max_size;
    CURL* h = easy.get();
    long timeout_ms = static_cast<long>(request.timeout.count());
    curl.easy_setopt(h, CURLOPT_URL, url.c_str());
    curl.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http");
    curl.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl.easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl.easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_size));
    if (request.content_type != nullptr) {
        headers.reset(curl.slist_append(nullptr, (std::string("Content-Type: ") + request.content_type).c_str()));
        curl.easy_setopt(h, CURLOPT_POST, 1L);
        curl.easy_setopt(h, CURLOPT_POSTFIELDS, reinterpret_cast<const char*>(request.body.data()));
        curl.easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        curl.easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    }
    curl.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    curl.easy_setopt(h, CURLOPT_WRITEDATA, &received);
    CURLcode rc = curl.easy_perform(h);
    if (received.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
        answer.error = url + ": the answer is larger than " + std::to_string(request.max_size) + " bytes";
        return answer;
    }
    if (rc != CURLE_OK) {
        answer.error = url + ": " + curl.easy_strerror(rc);
        return answer;
    }
    long status = 0;
    curl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) {
        answer.error = url + ": HTTP status " + std::to_string(status);
        return answer;
    }
    if (request.accept_type != nullptr) {
        char* type = nullptr;
        curl.easy_getinfo(h, CURLINFO_CONTENT_TYPE, &type);
        std::string_view want(request.accept_type);
        if (type == nullptr || std::string_view(type).substr(0, want.size()) != want) {
            answer.error = url + ": the answer is not " + std::string(want);
            return answer;
        }
    }
    answer.ok = true;
    answer.body = std::move(received.body);
    return answer;
}
}  // namespace

HttpAnswer http_post(const std::string& url, const char* content_type, const char* accept_type,
                     std::span<const std::uint8_t> body, std::chrono::milliseconds timeout, std::size_t max_size) {
    return perform({url, content_type, accept_type, body, timeout, max_size});
}

HttpAnswer http_get(const std::string& url, std::chrono::milliseconds timeout, std::size_t max_size) {
    return perform({url, nullptr, nullptr, {}, timeout, max_size});
}

}  // namespace smime::ops
