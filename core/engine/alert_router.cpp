// Alert routing on the engine thread: each libtorrent alert goes by its type to one named handler, in the
// file of its domain: alerts_lifecycle.cpp (add, removal, metadata, finish, state, resume saves),
// alerts_storage.cpp (files, disk errors, moves, pieces), alerts_network.cpp (listening, peers),
// alerts_status.cpp (status updates and session statistics).
#include <spdlog/spdlog.h>

#include <libtorrent/alert_types.hpp>

#include "engine/engine_impl.h"

namespace shoal {

using engine::TorrentEntry;

// The exception boundary of alert handling: one alert whose handling throws (its torrent removed in the
// meantime, a libtorrent error) errors its torrent, and the alerts after it are still handled.
void LocalSession::Impl::handleAlerts() {
    queue.assertOnEngine();
    std::vector<lt::alert*> alerts;
    session->pop_alerts(&alerts);
    for (lt::alert* alert : alerts) {
        try {
            handleAlert(alert);
        } catch (const std::exception& e) {
            const auto* torrentAlert = dynamic_cast<lt::torrent_alert*>(alert);
            const TorrentId id = torrentAlert ? engine::idFromHandle(torrentAlert->handle) : kNoTorrent;
            const std::string message = std::string("handling ") + alert->what() + " failed: " + e.what();
            if (TorrentEntry* entry = book.findLive(id))
                guarded("marking a torrent errored", [&] { markErrored(*entry, message); });
            else
                spdlog::error("engine: {}", message);
        }
    }
    if (restoreInFlight == 0 && !restoreQueue.empty())
        guarded("restoring the library", [this] { restoreNextChunk(); });
}

// libtorrent dropped alerts because its queue was full (alert_queue_size): an add, a removal or a resume
// save may be among them. What they would have told is read back from the session instead.
void LocalSession::Impl::resyncAfterDroppedAlerts(const lt::alerts_dropped_alert& a) {
    std::string dropped;
    for (int type = 0; type < static_cast<int>(a.dropped_alerts.size()); ++type) {
        if (!a.dropped_alerts.test(static_cast<std::size_t>(type))) continue;
        if (!dropped.empty()) dropped += ", ";
        dropped += lt::alert_name(type);
    }
    spdlog::warn("libtorrent dropped alerts ({}); reading the torrents' state back from the session",
                 dropped);
    std::map<TorrentId, lt::torrent_handle> live;
    for (const lt::torrent_handle& handle : session->get_torrents()) {
        if (const TorrentId id = engine::idFromHandle(handle); id != kNoTorrent) live[id] = handle;
    }
    std::vector<TorrentId> gone;
    for (auto& [id, entry] : book) {
        auto found = live.find(id);
        if (entry.addPending && found != live.end()) {
            adopt(entry, found->second);
        } else if (entry.removing && found == live.end()) {
            gone.push_back(id);
        }
    }
    for (const TorrentId id : gone) finishRemoval(id);
    resumes.forgetOutstanding();
    session->post_torrent_updates(lt::torrent_handle::query_name | lt::torrent_handle::query_save_path);
}

namespace {
template <class A>
const A& as(const lt::alert* alert) {
    return *static_cast<const A*>(alert);  // only after a switch on alert->type() == A::alert_type
}
}  // namespace

void LocalSession::Impl::handleAlert(lt::alert* alert) {
    // Alerts about the session, and those that must be seen for torrents already gone (removal, saves).
    switch (alert->type()) {
        case lt::alerts_dropped_alert::alert_type:
            return resyncAfterDroppedAlerts(as<lt::alerts_dropped_alert>(alert));
        case lt::state_update_alert::alert_type:
            return onStateUpdate(as<lt::state_update_alert>(alert).status);
        case lt::session_stats_alert::alert_type:
            return onSessionStats(as<lt::session_stats_alert>(alert));
        case lt::listen_succeeded_alert::alert_type:
            return onListening(as<lt::listen_succeeded_alert>(alert));
        case lt::listen_failed_alert::alert_type:
            return onListenFailed(as<lt::listen_failed_alert>(alert));
        case lt::add_torrent_alert::alert_type:
            return onAdded(as<lt::add_torrent_alert>(alert));
        case lt::torrent_removed_alert::alert_type:
            return onRemoved(as<lt::torrent_removed_alert>(alert));
        case lt::torrent_deleted_alert::alert_type:
            return onDeleted(as<lt::torrent_deleted_alert>(alert));
        case lt::torrent_delete_failed_alert::alert_type:
            return onDeleteFailed(as<lt::torrent_delete_failed_alert>(alert));
        case lt::save_resume_data_alert::alert_type:
            return onResumeSaved(as<lt::save_resume_data_alert>(alert));
        case lt::save_resume_data_failed_alert::alert_type:
            return resumes.landed();  // "not modified" lands here too
        default:
            break;
    }

    // Everything below concerns a torrent we know.
    auto* torrentAlert = dynamic_cast<lt::torrent_alert*>(alert);
    if (!torrentAlert) return;
    TorrentEntry* found = book.find(engine::idFromHandle(torrentAlert->handle));
    if (!found) return;
    TorrentEntry& entry = *found;
    switch (alert->type()) {
        // lifecycle
        case lt::metadata_received_alert::alert_type:
            return onMetadataReceived(entry);
        case lt::torrent_finished_alert::alert_type:
            return onFinished(entry);
        case lt::state_changed_alert::alert_type:
            return onStateChanged(entry, as<lt::state_changed_alert>(alert).prev_state);
        case lt::torrent_paused_alert::alert_type:
        case lt::torrent_resumed_alert::alert_type:
            return onStateChanged(entry, std::nullopt);
        // storage
        case lt::fastresume_rejected_alert::alert_type:
            return onResumeRejected(entry, as<lt::fastresume_rejected_alert>(alert));
        case lt::cache_flushed_alert::alert_type:
            return onDiskJobsFlushed(entry);
        case lt::file_error_alert::alert_type:
            return onFileError(entry, as<lt::file_error_alert>(alert));
        case lt::torrent_error_alert::alert_type:
            return onTorrentError(entry, as<lt::torrent_error_alert>(alert));
        case lt::storage_moved_alert::alert_type:
            return onStorageMoved(entry, as<lt::storage_moved_alert>(alert));
        case lt::storage_moved_failed_alert::alert_type:
            return onStorageMoveFailed(entry, as<lt::storage_moved_failed_alert>(alert));
        case lt::file_renamed_alert::alert_type:
            return resumes.save(entry, false);
        case lt::file_rename_failed_alert::alert_type:
            return onRenameFailed(entry, as<lt::file_rename_failed_alert>(alert));
        case lt::piece_finished_alert::alert_type:
            entry.piecesSinceSave = true;  // saved on the next tick (ResumeScheduler)
            return;
        // peers
        case lt::hash_failed_alert::alert_type:
            return onHashFailed(entry, as<lt::hash_failed_alert>(alert));
        case lt::peer_ban_alert::alert_type:
            return onPeerBanned(entry, as<lt::peer_ban_alert>(alert));
        default:
            return;
    }
}

}  // namespace shoal
