// Adding the torrent of a `download`/`seed` run and checking its per-run seeding goals.
#include "torrent_run.h"

#include <cstdio>
#include <filesystem>

namespace shoal::cli {

namespace {

namespace fs = std::filesystem;

bool samePath(const std::string& a, const std::string& b) {
    std::error_code ec;
    if (fs::equivalent(a, b, ec)) return true;
    return fs::absolute(a).lexically_normal() == fs::absolute(b).lexically_normal();
}

}  // namespace

Result<TorrentId> addForThisRun(LocalSession& session, EventQueue& events, const AddRequest& request) {
    auto added = session.add(request);
    if (!added) return added;
    const TorrentId id = added.value();
    const auto status = session.status(id);
    if (!status || request.savePath.empty() || samePath(status->savePath, request.savePath)) return added;

    // Stored with its data elsewhere. Moving storage would move that data; the user pointed at other data.
    if (auto removed = session.remove(id, RemoveMode::KeepData); !removed) return removed.error();
    const auto gone = events.waitFor([id](const Event& e) { return e.type == EventType::Removed && e.id == id; },
                                     std::chrono::seconds(30));
    if (!gone) return makeError(ErrorCode::Timeout, "the library did not let go of the stored copy of the torrent");
    return session.add(request);
}

std::string SeedGoals::reached(const TorrentStatus& s) {
    const auto now = std::chrono::steady_clock::now();
    if (!seedingSince_) seedingSince_ = now;
    char text[96];
    if (ratio_ && s.ratio >= *ratio_) {
        std::snprintf(text, sizeof text, "ratio %.2f reached", *ratio_);
        return text;
    }
    if (seconds_ && now - *seedingSince_ >= std::chrono::seconds(*seconds_)) {
        std::snprintf(text, sizeof text, "seeded for %lld s", static_cast<long long>(*seconds_));
        return text;
    }
    return {};
}

bool resumeIfStopped(LocalSession& session, const TorrentStatus& s, bool wantSeeding) {
    const bool stopped = s.state == TorrentState::Stopped || (wantSeeding && s.state == TorrentState::Completed);
    if (!stopped) return false;
    (void)session.resume(s.id);
    return true;
}

}  // namespace shoal::cli
