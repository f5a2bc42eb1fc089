#include "engine/resume_scheduler.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace shoal::engine {

void ResumeScheduler::onTick(TorrentBook& book, Clock::time_point now, std::chrono::seconds interval) {
    engine_.assertOnEngine();
    if (now >= nextPeriodic_) {
        nextPeriodic_ = now + interval;
        saveAll(book, true);
    } else {
        saveProgress(book);
    }
}

// Verified pieces are saved on the next tick; blocks of unfinished pieces, for the torrents with the
// most unsaved payload.
void ResumeScheduler::saveProgress(TorrentBook& book) {
    constexpr std::size_t kPartialSavesPerTick = 16;
    constexpr std::int64_t kBlock = 16 * 1024;
    std::vector<std::pair<std::int64_t, TorrentEntry*>> partial;
    for (auto& item : book) {
        TorrentEntry& entry = item.second;
        if (entry.piecesSinceSave) {
            save(entry, false);
            continue;
        }
        const std::int64_t unsaved = entry.downloaded.total - entry.downloadedAtSave;
        if (unsaved >= kBlock) partial.emplace_back(unsaved, &entry);
    }
    const std::size_t n = std::min(partial.size(), kPartialSavesPerTick);
    std::partial_sort(partial.begin(), partial.begin() + static_cast<std::ptrdiff_t>(n), partial.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < n; ++i) save(*partial[i].second, false);
}

void ResumeScheduler::save(TorrentEntry& entry, bool onlyIfModified) {
    engine_.assertOnEngine();
    if (!entry.handle.is_valid() || entry.removing) return;
    entry.piecesSinceSave = false;
    entry.unsavedChanges = false;
    entry.downloadedAtSave = entry.downloaded.total;
    // Without the info dict: the library keeps the metainfo once (torrents.metainfo).
    lt::resume_data_flags_t flags{};
    if (onlyIfModified) flags |= lt::torrent_handle::only_if_modified;
    entry.handle.save_resume_data(flags);
    ++outstanding_;
}

void ResumeScheduler::saveAll(TorrentBook& book, bool onlyIfModified) {
    for (auto& item : book) {
        TorrentEntry& entry = item.second;
        if (!onlyIfModified || entry.unsavedChanges) save(entry, onlyIfModified);
    }
}

}  // namespace shoal::engine
