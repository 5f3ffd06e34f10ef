// GMime is started on first use, not at every start of the program: a
// command that never parses or composes MIME (list, import-cert, --version)
// does not pay for g_mime_init. Every function of ours that calls GMime
// calls ensure_initialised() first.
#pragma once

namespace smime::gmime {

void ensure_initialised();

// g_mime_shutdown when GMime was started (LibraryInit's destructor); a
// later ensure_initialised() starts it again.
void shut_down();

}  // namespace smime::gmime
