#include "util/time.hpp"

namespace smime::util {

namespace {
std::tm utc(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm;
}
}  // namespace

std::string format_date(std::time_t t) {
    std::tm tm = utc(t);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &tm);
    return buffer;
}

std::string format_time(std::time_t t) {
    std::tm tm = utc(t);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

}  // namespace smime::util
