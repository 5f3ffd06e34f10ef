#include <smime/library.hpp>

#include <gmime/gmime.h>
#include <gnutls/gnutls.h>

#include "gnutls/handle.hpp"

namespace smime {

LibraryInit::LibraryInit() {
    gtls::check(gnutls_global_init(), "gnutls_global_init");
    g_mime_init();
}

LibraryInit::~LibraryInit() {
    g_mime_shutdown();
    gnutls_global_deinit();
}

}  // namespace smime
