#include <smime/library.hpp>

#include <gnutls/gnutls.h>

#include "gmime/init.hpp"
#include "gnutls/handle.hpp"

namespace smime {

LibraryInit::LibraryInit() { gtls::check(gnutls_global_init(), "gnutls_global_init"); }

LibraryInit::~LibraryInit() {
    gmime::shut_down();
    gnutls_global_deinit();
}

}  // namespace smime
