// Alert routing on the engine thread: each libtorrent alert becomes an entry update, a library write,
// and/or a Shoal event. Split by domain below: lifecycle, status, storage, network.
#include <libtorrent/alert_types.hpp>
#include <libtorrent/bencode.hpp>
#include <libtorrent/write_resume_data.hpp>
#include <libtorrent/torrent_info.hpp>

#include <spdlog/spdlog.h>

#include <utility>

#include "engine/engine_impl.h"

namespace shoal {

using engine::TorrentEntry;
using engine::unixNow;

namespace {

std::string endpointText(const lt::address& address, int port) {
    return address.is_v6() ? "[" + address.to_string() + "]:" + std::to_string(port)
                           : address.to_string() + ":" + std::to_string(port);
}

// The smallest valid .torrent for a magnet whose metadata arrived: just its info dict.
std::vector<char> metainfoFromInfoSection(const lt::torrent_info& info) {
    const auto section = info.info_section();
    std::vector<char> out;
    const std::string head = "d4:info";
    out.insert(out.end(), head.begin(), head.end());
    out.insert(out.end(), section.begin(), section.end());
    out.push_back('e');
    return out;
}


}  // namespace

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
            if (auto it = entries.find(id); it != entries.end() && !it->second.removing)
                guarded("marking a torrent errored", [&] { markErrored(it->second, message); });
            else spdlog::error("engine: {}", message);
        }
    }
    if (restoreInFlight == 0 && !restoreQueue.empty()) guarded("restoring the library", [this] { restoreNextChunk(); });
}

// libtorrent dropped alerts because its queue was full (alert_queue_size): an add, a removal or a resume
// save may be among them. What they would have told is read back from the session instead.
void LocalSession::Impl::resyncAfterDroppedAlerts(const std::string& dropped) {
    spdlog::warn("libtorrent dropped alerts ({}); reading the torrents' state back from the session", dropped);
    std::map<TorrentId, lt::torrent_handle> live;
    for (const lt::torrent_handle& handle : session->get_torrents()) {
        if (const TorrentId id = engine::idFromHandle(handle); id != kNoTorrent) live[id] = handle;
    }
    std::vector<TorrentId> gone;
    for (auto& [id, entry] : entries) {
        auto found = live.find(id);
        if (entry.addPending && found != live.end()) {
            adopt(entry, found->second);
        } else if (entry.removing && found == live.end()) {
            gone.push_back(id);
        }
    }
    for (const TorrentId id : gone) finishRemoval(id);
    // Saves whose alerts were lost will never be counted down; shutdown must not wait for them.
    outstandingSaves = 0;
    session->post_torrent_updates(lt::torrent_handle::query_name | lt::torrent_handle::query_save_path);
}

void LocalSession::Impl::handleAlert(lt::alert* alert) {
    if (auto* a = lt::alert_cast<lt::alerts_dropped_alert>(alert)) {
        std::string dropped;
        for (int type = 0; type < static_cast<int>(a->dropped_alerts.size()); ++type) {
            if (!a->dropped_alerts.test(static_cast<std::size_t>(type))) continue;
            if (!dropped.empty()) dropped += ", ";
            dropped += lt::alert_name(type);
        }
        return resyncAfterDroppedAlerts(dropped);
    }
    // --- status ---
    if (auto* a = lt::alert_cast<lt::state_update_alert>(alert)) return onStateUpdate(a->status);
    if (auto* a = lt::alert_cast<lt::session_stats_alert>(alert)) {
        if (dhtNodesMetric >= 0) {
            std::unique_lock lock(registryMutex);
            totals.dhtNodes = static_cast<int>(a->counters()[dhtNodesMetric]);
        }
        return;
    }

    // --- network ---
    if (auto* a = lt::alert_cast<lt::listen_succeeded_alert>(alert)) {
        if (a->socket_type != lt::socket_type_t::tcp) return;
        const std::string endpoint = endpointText(a->address, a->port);
        {
            std::unique_lock lock(registryMutex);
            totals.listenEndpoints.push_back(endpoint);
        }
        return emit(Event{EventType::Listening, kNoTorrent, {}, endpoint});
    }
    if (auto* a = lt::alert_cast<lt::listen_failed_alert>(alert)) {
        if (a->socket_type != lt::socket_type_t::tcp) return;
        return emit(Event{EventType::ListenFailed, kNoTorrent, {},
                          endpointText(a->address, a->port) + ": " + a->error.message()});
    }

    // --- lifecycle ---
    if (auto* a = lt::alert_cast<lt::add_torrent_alert>(alert)) return onAdded(a);
    if (auto* a = lt::alert_cast<lt::torrent_removed_alert>(alert)) {
        const TorrentId id = engine::idFromUserdata(a->userdata);
        if (pendingDeletes.count(a->info_hashes.get_best().to_string()) == 0) finishRemoval(id);
        return;
    }
    if (auto* a = lt::alert_cast<lt::torrent_deleted_alert>(alert)) {
        auto it = pendingDeletes.find(a->info_hashes.get_best().to_string());
        if (it != pendingDeletes.end()) {
            const TorrentId id = it->second;
            pendingDeletes.erase(it);
            finishRemoval(id);
        }
        return;
    }
    if (auto* a = lt::alert_cast<lt::torrent_delete_failed_alert>(alert)) {
        auto it = pendingDeletes.find(a->info_hashes.get_best().to_string());
        if (it != pendingDeletes.end()) {
            const TorrentId id = it->second;
            pendingDeletes.erase(it);
            spdlog::error("torrent {}: deleting its files failed: {}", id, a->error.message());
            emit(Event{EventType::Errored, id, {id}, "deleting files failed: " + a->error.message()});
            finishRemoval(id);
        }
        return;
    }

    // Resume saves are counted for shutdown even when their torrent was removed meanwhile; a removed
    // torrent's data must not reach the library again.
    if (auto* a = lt::alert_cast<lt::save_resume_data_alert>(alert)) {
        --outstandingSaves;
        const TorrentId id = engine::idFromHandle(a->handle);
        auto it = entries.find(id);
        if (it == entries.end() || it->second.removing) return;
        // The event says the save is on disk: it is sent once the writer has committed it.
        store->putResumeData(id, lt::write_resume_data_buf(a->params),
                             [this, id] { post([this, id] { emit(Event{EventType::ResumeSaved, id, {id}, {}}); }); });
        return;
    }
    if (lt::alert_cast<lt::save_resume_data_failed_alert>(alert)) {
        --outstandingSaves;  // "not modified" lands here too
        return;
    }

    // Everything below concerns a torrent we know.
    auto* torrentAlert = dynamic_cast<lt::torrent_alert*>(alert);
    if (!torrentAlert) return;
    const TorrentId id = engine::idFromHandle(torrentAlert->handle);
    auto found = entries.find(id);
    if (found == entries.end()) return;
    TorrentEntry& entry = found->second;

    if (lt::alert_cast<lt::metadata_received_alert>(alert)) {
        std::vector<char> metainfo;
        if (auto info = entry.handle.torrent_file()) {
            entry.totalSize = info->total_size();
            metainfo = metainfoFromInfoSection(*info);
            entry.row.name = info->name();
            const InfoHashes hashes = engine::hashesOf(info->info_hashes());
            entry.row.infoHashV1 = hashes.v1;
            entry.row.infoHashV2 = hashes.v2;
            std::unique_lock lock(registryMutex);
            if (!hashes.v1.empty()) idsByHash[hashes.v1] = id;
            if (!hashes.v2.empty()) idsByHash[hashes.v2] = id;
        }
        putRow(entry);
        if (!metainfo.empty()) store->putMetainfo(id, std::move(metainfo));
        saveResumeData(entry, false);
        return emit(Event{EventType::MetadataReceived, id, {id}, entry.row.name});
    }
    if (lt::alert_cast<lt::torrent_finished_alert>(alert)) {
        if (entry.row.completedTime == 0) {
            entry.row.completedTime = unixNow();
            putRow(entry);
        }
        if (!entry.row.finalSavePath.empty()) {
            // Done in the incomplete folder: on to its save path (storage_moved_alert records it).
            if (entry.row.finalSavePath != entry.row.savePath)
                entry.handle.move_storage(entry.row.finalSavePath, lt::move_flags_t::dont_replace);
            entry.row.finalSavePath.clear();
            putRow(entry);
        }
        saveResumeData(entry, false);
        if (!entry.finishedThisRun && !shuttingDown) {
            entry.finishedThisRun = true;
            // Whoever reacts to Finished reads the status: make it the finished one, not last tick's.
            setSnapshot(engine::makeStatus(entry.handle.status(lt::torrent_handle::query_name |
                                                               lt::torrent_handle::query_save_path),
                                           entry, effectiveSettings()));
            recomputeTotals();
            emit(Event{EventType::Finished, id, {id}, {}});
        }
        return;
    }
    if (lt::alert_cast<lt::state_changed_alert>(alert) || lt::alert_cast<lt::torrent_paused_alert>(alert) ||
        lt::alert_cast<lt::torrent_resumed_alert>(alert)) {
        if (shuttingDown) return;
        connectDirectPeers(entry);
        // Leaving checking_resume_data changes nothing the library does not hold already: saving then
        // would write every restored torrent again at start (for a large library, a burst of resume
        // data whose peak glibc keeps resident).
        auto* changed = lt::alert_cast<lt::state_changed_alert>(alert);
        if (changed && changed->prev_state == lt::torrent_status::checking_resume_data) return;
        saveResumeData(entry, true);
        return;
    }

    // --- storage ---
    if (auto* a = lt::alert_cast<lt::fastresume_rejected_alert>(alert)) {
        // libtorrent would quietly download everything again; the user must hear the files are gone.
        const std::string path = a->file_path() && *a->file_path() ? a->file_path() : entry.row.savePath;
        entry.handle.unset_flags(lt::torrent_flags::auto_managed);
        entry.handle.pause();
        return markErrored(entry, "files missing or changed: " + path + ": " + a->error.message());
    }
    if (lt::alert_cast<lt::cache_flushed_alert>(alert)) {
        auto steps = std::exchange(entry.afterDiskFence, {});
        for (auto& step : steps) step(entry);
        return;
    }
    if (auto* a = lt::alert_cast<lt::file_error_alert>(alert)) {
        if (!entry.afterDiskFence.empty()) {
            spdlog::debug("torrent {}: before the resume: {}", entry.row.id, a->error.message());
            return;
        }
        // A disk error leaves the torrent in upload mode (disk full) or in an error state. If it is in
        // neither, the alert is older than a resume or recheck that already cleared it.
        const lt::torrent_status st = entry.handle.status({});
        if (!(st.flags & lt::torrent_flags::upload_mode) && !st.errc) return;
        return markErrored(entry, std::string("disk error on ") + a->filename() + ": " + a->error.message());
    }
    if (auto* a = lt::alert_cast<lt::torrent_error_alert>(alert)) {
        if (!entry.afterDiskFence.empty()) return;  // as for file errors, above
        // A full disk is followed by consequences ("Bad address" from the mapped file); one that comes
        // after a resume already cleared the torrent's error is stale, as file errors can be (above).
        if (!entry.handle.status({}).errc) return;
        return markErrored(entry, "torrent error: " + a->error.message());
    }
    if (auto* a = lt::alert_cast<lt::storage_moved_alert>(alert)) {
        entry.row.savePath = a->storage_path();
        putRow(entry);
        saveResumeData(entry, false);
        return;
    }
    if (auto* a = lt::alert_cast<lt::storage_moved_failed_alert>(alert)) {
        return emit(Event{EventType::Errored, id, {id}, std::string("move failed: ") + a->file_path() + ": " +
                                                             a->error.message()});
    }
    if (lt::alert_cast<lt::file_renamed_alert>(alert)) return saveResumeData(entry, false);
    if (auto* a = lt::alert_cast<lt::file_rename_failed_alert>(alert)) {
        return emit(Event{EventType::Errored, id, {id}, "rename failed: " + a->error.message()});
    }

    if (lt::alert_cast<lt::piece_finished_alert>(alert)) {
        entry.piecesSinceSave = true;  // saved on the next tick (engine_thread.cpp)
        return;
    }

    // --- peers ---
    if (auto* a = lt::alert_cast<lt::hash_failed_alert>(alert)) {
        ++entry.hashFailures;
        return emit(Event{EventType::HashFailed, id, {id}, std::to_string(static_cast<int>(a->piece_index))});
    }
    if (auto* a = lt::alert_cast<lt::peer_ban_alert>(alert)) {
        return emit(Event{EventType::PeerBanned, id, {id}, endpointText(a->endpoint.address(), a->endpoint.port())});
    }
}

void LocalSession::Impl::onAdded(lt::add_torrent_alert* a) {
    const TorrentId id = engine::idFromUserdata(a->params.userdata);
    auto found = entries.find(id);
    if (found == entries.end()) return;
    TorrentEntry& entry = found->second;
    if (!entry.addPending) return;  // adopted already, after dropped alerts
    if (a->error) {
        restoreLanded(entry);
        entry.addPending = false;
        entry.untilAdded.clear();
        if (entry.removing) return finishRemoval(id);
        markErrored(entry, "could not add: " + a->error.message());
        return;
    }
    adopt(entry, a->handle);
}

// The torrent is in libtorrent: what the user asked for while it was being added is applied now.
void LocalSession::Impl::adopt(TorrentEntry& entry, const lt::torrent_handle& handle) {
    queue.assertOnEngine();
    const TorrentId id = entry.row.id;
    restoreLanded(entry);
    entry.addPending = false;
    entry.handle = handle;
    if (entry.removing) {
        // Removed before libtorrent had it: take it out now (torrent_removed_alert finishes the removal).
        entry.untilAdded.clear();
        if (entry.removeMode == RemoveMode::DeleteData)
            pendingDeletes[handle.info_hashes().get_best().to_string()] = id;
        session->remove_torrent(handle, entry.removeMode == RemoveMode::DeleteData ? lt::session_handle::delete_files
                                                                                   : lt::remove_flags_t{});
        return;
    }
    entry.info.reset();  // libtorrent's own copy is the one from now on
    if (auto info = handle.torrent_file()) entry.totalSize = info->total_size();
    auto pending = std::move(entry.untilAdded);
    entry.untilAdded.clear();
    for (auto& apply : pending) guardedOnTorrent("a change made while adding", id, apply);
    auto again = entries.find(id);
    if (again == entries.end() || again->second.removing) return;
    connectDirectPeers(entry);
    if (entry.row.queuePosition < 0) entry.row.queuePosition = static_cast<int>(handle.queue_position());
    // A new torrent's first resume data; a restored one's is in the library unless changed while adding.
    if (!entry.resumeDataStored || !pending.empty()) saveResumeData(entry, false);
    emit(Event{EventType::Added, id, {id}, entry.row.name});
}

void LocalSession::Impl::finishRemoval(TorrentId id) {
    auto found = entries.find(id);
    if (found == entries.end()) return;
    // This run's transfer of a removed torrent still counts in the session's totals and its history.
    const TorrentEntry& entry = found->second;
    removedDownloaded += entry.downloaded.total;
    removedUploaded += entry.uploaded.total;
    const std::int64_t down = entry.downloaded.total - entry.downloaded.persisted;
    const std::int64_t up = entry.uploaded.total - entry.uploaded.persisted;
    if (down > 0 || up > 0) removedTraffic.push_back({id, entry.allTimeDownloaded(), entry.allTimeUploaded(), down, up});
    store->removeTorrent(id);
    entries.erase(found);
    eraseSnapshot(id);
    recomputeTotals();
    emit(Event{EventType::Removed, id, {id}, {}});
}

void LocalSession::Impl::recomputeTotals() {
    std::int64_t down = removedDownloaded;
    std::int64_t up = removedUploaded;
    for (const auto& [id, entry] : entries) {
        down += entry.downloaded.total;
        up += entry.uploaded.total;
    }
    std::unique_lock lock(registryMutex);
    SessionTotals& t = totals;
    t.downloadRate = t.uploadRate = t.peers = 0;
    for (const auto& [sid, s] : snapshots) {
        t.downloadRate += s.downloadRate;
        t.uploadRate += s.uploadRate;
        t.peers += s.peers;
    }
    t.downloadedThisRun = down;
    t.uploadedThisRun = up;
    t.torrents = static_cast<int>(snapshots.size());
    t.allTimeDownloaded = statsAtStart.allTimeDownloaded + down;
    t.allTimeUploaded = statsAtStart.allTimeUploaded + up;
}

void LocalSession::Impl::onStateUpdate(const std::vector<lt::torrent_status>& statuses) {
    const Settings settings = effectiveSettings();
    std::vector<TorrentStatus> changed;
    changed.reserve(statuses.size());
    for (const auto& st : statuses) {
        auto found = entries.find(engine::idFromHandle(st.handle));
        if (found == entries.end() || found->second.removing) continue;
        TorrentEntry& entry = found->second;
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
    {
        std::unique_lock lock(registryMutex);
        for (auto& status : changed) {
            event.ids.push_back(status.id);
            snapshots[status.id] = std::move(status);
        }
    }
    recomputeTotals();
    emit(event);
}

}  // namespace shoal
