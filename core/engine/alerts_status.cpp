// Alerts of status: the torrents whose status changed (each tick), and the session's statistics.
#include <libtorrent/alert_types.hpp>

#include <utility>

#include "engine/engine_impl.h"

namespace shoal {

using engine::TorrentEntry;

void LocalSession::Impl::recomputeTotals() {
    std::int64_t down = removedDownloaded;
    std::int64_t up = removedUploaded;
    for (const auto& [id, entry] : std::as_const(book)) {
        down += entry.downloaded.total;
        up += entry.uploaded.total;
    }
    const store::Statistics before = statsAtStart;
    registry.updateTotals([&](SessionTotals& t, const std::map<TorrentId, TorrentStatus>& snapshots) {
        t.downloadRate = t.uploadRate = t.peers = 0;
        for (const auto& [sid, s] : snapshots) {
            t.downloadRate += s.downloadRate;
            t.uploadRate += s.uploadRate;
            t.peers += s.peers;
        }
        t.downloadedThisRun = down;
        t.uploadedThisRun = up;
        t.torrents = static_cast<int>(snapshots.size());
        t.allTimeDownloaded = before.allTimeDownloaded + down;
        t.allTimeUploaded = before.allTimeUploaded + up;
    });
}

void LocalSession::Impl::onStateUpdate(const std::vector<lt::torrent_status>& statuses) {
    const Settings settings = effectiveSettings();
    std::vector<TorrentStatus> changed;
    changed.reserve(statuses.size());
    for (const auto& st : statuses) {
        TorrentEntry* found = book.findLive(engine::idFromHandle(st.handle));
        if (!found) continue;
        TorrentEntry& entry = *found;
        // libtorrent marks a torrent dirty with a status update (set_need_save_resume), so the flag
        // is seen here the tick it is set.
        if (st.need_save_resume) entry.unsavedChanges = true;
        if (entry.row.queuePosition < 0) entry.row.queuePosition = static_cast<int>(st.queue_position);
        if (entry.row.name.empty() && !st.name.empty()) {
            entry.row.name = st.name;
            putRow(entry);
        }
        changed.push_back(engine::makeStatus(st, entry, settings));
        checkSeedingGoals(st, entry);
        // A named peer that refused us (it was still checking, say) is retried every 5 s, not after
        // libtorrent's 60 s reconnect delay.
        if (!st.is_finished && st.num_peers < static_cast<int>(entry.directPeers.size()) &&
            engine::Clock::now() - entry.lastDirectConnect > std::chrono::seconds(5)) {
            // A stale entry for the same IP (an old port, from resume data) holds a named peer back
            // behind its failed attempts: with no one connected, start the candidate list afresh.
            if (st.num_peers == 0) entry.handle.clear_peers();
            connectDirectPeers(entry);
        }
    }
    if (changed.empty()) return;
    Event event{EventType::Changed, kNoTorrent, {}, {}};
    for (const auto& status : changed) event.ids.push_back(status.id);
    registry.putAll(std::move(changed));
    recomputeTotals();
    emit(event);
}

void LocalSession::Impl::onSessionStats(const lt::session_stats_alert& a) {
    if (dhtNodesMetric < 0) return;
    const int nodes = static_cast<int>(a.counters()[dhtNodesMetric]);
    registry.updateTotals([nodes](SessionTotals& t, const auto&) { t.dhtNodes = nodes; });
}

}  // namespace shoal
