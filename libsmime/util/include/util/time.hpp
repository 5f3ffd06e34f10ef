// UTC times as people and status lines read them (no smime includes).
#pragma once

#include <ctime>
#include <string>

namespace smime::util {

std::string format_date(std::time_t t);  // "2026-01-01"
std::string format_time(std::time_t t);  // "2026-01-01T10:00:00Z"

}  // namespace smime::util
