#include "curl/curl_library.hpp"

#include <dlfcn.h>
#include <string>

#include <smime/error.hpp>

namespace smime::notify {

namespace {

// The GnuTLS build first (Debian's libcurl4-gnutls), then the default one.
constexpr const char* k_sonames[] = {"libcurl-gnutls.so.4", "libcurl.so.4"};

template <typename Function>
void resolve(void* handle, const char* name, Function& out) {
    void* symbol = ::dlsym(handle, name);
    if (symbol == nullptr) {
        throw Error(Errc::config, std::string("libcurl lacks ") + name);
    }
    out = reinterpret_cast<Function>(symbol);
}

CurlLibrary load() {
    void* handle = nullptr;
    for (const char* soname : k_sonames) {
        handle = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
        if (handle != nullptr) {
            break;
        }
    }
    if (handle == nullptr) {
        throw Error(Errc::config, "SMTP delivery needs libcurl (apt-get install libcurl3-gnutls)");
    }
    // The handle stays open for the life of the process, like a linked library.
    CurlLibrary curl{};
    resolve(handle, "curl_global_init", curl.global_init);
    resolve(handle, "curl_global_cleanup", curl.global_cleanup);
    resolve(handle, "curl_easy_init", curl.easy_init);
    resolve(handle, "curl_easy_setopt", curl.easy_setopt);
    resolve(handle, "curl_easy_perform", curl.easy_perform);
    resolve(handle, "curl_easy_cleanup", curl.easy_cleanup);
    resolve(handle, "curl_easy_getinfo", curl.easy_getinfo);
    resolve(handle, "curl_easy_strerror", curl.easy_strerror);
    resolve(handle, "curl_slist_append", curl.slist_append);
    resolve(handle, "curl_slist_free_all", curl.slist_free_all);
    return curl;
}

}  // namespace

const CurlLibrary& curl_library() {
    static const CurlLibrary k_curl = load();
    return k_curl;
}

}  // namespace smime::notify
