#include "gmime/init.hpp"

#include <mutex>

#include <gmime/gmime.h>

namespace smime::gmime {

namespace {
std::mutex started_mutex;
bool started = false;
}  // namespace

void ensure_initialised() {
    std::lock_guard lock(started_mutex);
    if (!started) {
        g_mime_init();
        started = true;
    }
}

void shut_down() {
    std::lock_guard lock(started_mutex);
    if (started) {
        g_mime_shutdown();
        started = false;
    }
}

}  // namespace smime::gmime
