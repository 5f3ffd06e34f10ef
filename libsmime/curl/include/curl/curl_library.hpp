// libcurl, loaded when the first SMTP delivery or OCSP request starts
// rather than at program start: it brings about twenty shared libraries
// (Kerberos, LDAP, SSH, RTMP, nghttp2, …) that every other command would
// pay for on each start (bench/README.md, "Start-up"). Only types and constants come from
// <curl/curl.h>; every function goes through this table.
#pragma once

#include <curl/curl.h>

namespace smime::notify {

struct CurlLibrary {
    CURLcode (*global_init)(long flags);
    void (*global_cleanup)();
    CURL* (*easy_init)();
    CURLcode (*easy_setopt)(CURL* easy, CURLoption option, ...);
    CURLcode (*easy_perform)(CURL* easy);
    void (*easy_cleanup)(CURL* easy);
    CURLcode (*easy_getinfo)(CURL* easy, CURLINFO info, ...);
    const char* (*easy_strerror)(CURLcode code);
    curl_slist* (*slist_append)(curl_slist* list, const char* text);
    void (*slist_free_all)(curl_slist* list);
};

// Loads libcurl once for the process; throws Error{Errc::config} when it is
// not installed.
const CurlLibrary& curl_library();

}  // namespace smime::notify
