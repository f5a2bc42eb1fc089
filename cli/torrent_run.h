// What `download` and `seed` share once the session is open: adding the torrent for this run (at the
// asked place, running) and the seeding goals of this run.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "shoal/local_session.h"

namespace shoal::cli {

// Adds `request`. A torrent already in the library is the stored one (so a killed download resumes),
// but the command line says where its data is: if the stored save path is another folder, the library
// entry is replaced (data kept) by one at the asked path.
Result<TorrentId> addForThisRun(LocalSession& session, EventQueue& events, const AddRequest& request);

// Goals given on the command line hold for this run only: they are checked here rather than stored
// with the torrent, where they would stop (pause) it in every later run too.
class SeedGoals {
public:
    SeedGoals(std::optional<double> ratio, std::optional<std::int64_t> seconds)
        : ratio_(ratio), seconds_(seconds) {}

    // Call once per tick while the torrent seeds; returns what was reached, or empty.
    std::string reached(const TorrentStatus& status);

private:
    std::optional<double> ratio_;
    std::optional<std::int64_t> seconds_;
    std::optional<std::chrono::steady_clock::time_point> seedingSince_;
};

// A torrent this run wants running but that the library holds stopped (by the user, or by a goal of an
// earlier run) is started again. Returns true if it asked the session to resume.
bool resumeIfStopped(LocalSession& session, const TorrentStatus& status, bool wantSeeding);

}  // namespace shoal::cli
