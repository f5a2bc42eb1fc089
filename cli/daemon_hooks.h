// The daemon's hooks: a program run when a torrent is added and when one finishes, with the torrent in
// its environment (SHOAL_TORRENT_ID, _NAME, _PATH, _HASH). Started without a shell; never waited on
// while running (reaped as they end).
#pragma once

#include <string>

#include "shoal/status.h"

namespace shoal::cli {

// Starts `program` with the torrent's variables added to the environment; false (and a logged error)
// if it cannot be started.
bool runHook(const std::string& program, const char* event, const TorrentStatus& torrent);
// Collects hooks that have ended (no zombies); call now and then.
void reapHooks();

}  // namespace shoal::cli
