// One HTTP request through libcurl (loaded on first use), for OCSP (POST)
// and CRLs (GET): plain http:// only (what comes back is signed), no
// redirects, a deadline and a size limit, so a slow or hostile server can
// hold a filter no longer than the caller allows.
#pragma once

#include <chrono>
#include <cstddef>
#include <span>
#include <string>

#include <smime/bytes.hpp>

namespace smime::ops {

struct HttpAnswer {
    bool ok = false;
    std::string error;  // when !ok: what went wrong, for the status reason
    Bytes body;
};

// body to url as content_type; ok when the server answered 200 with an
// answer of accept_type within timeout and at most max_size bytes.
HttpAnswer http_post(const std::string& url, const char* content_type, const char* accept_type,
                     std::span<const std::uint8_t> body, std::chrono::milliseconds timeout, std::size_t max_size);

// url's content, whatever its type, on 200 within timeout and max_size.
HttpAnswer http_get(const std::string& url, std::chrono::milliseconds timeout, std::size_t max_size);

}  // namespace smime::ops
