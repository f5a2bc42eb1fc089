// Alerts of a torrent's life: added (and what waited for it), removed, its metadata, finished, state
// changes, and its resume data saved.
#include <spdlog/spdlog.h>

#include <libtorrent/alert_types.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/write_resume_data.hpp>

#include "engine/engine_impl.h"

namespace shoal {

using engine::TorrentEntry;
using engine::unixNow;

namespace {

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

void LocalSession::Impl::onAdded(const lt::add_torrent_alert& a) {
    const TorrentId id = engine::idFromUserdata(a.params.userdata);
    TorrentEntry* found = book.find(id);
    if (!found) return;
    TorrentEntry& entry = *found;
    if (!entry.addPending) return;  // adopted already, after dropped alerts
    if (a.error) {
        restoreLanded(entry);
        entry.addPending = false;
        entry.untilAdded.clear();
        if (entry.removing) return finishRemoval(id);
        markErrored(entry, "could not add: " + a.error.message());
        return;
    }
    adopt(entry, a.handle);
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
        session->remove_torrent(handle, entry.removeMode == RemoveMode::DeleteData
                                            ? lt::session_handle::delete_files
                                            : lt::remove_flags_t{});
        return;
    }
    // What the add was given, not handle.torrent_file(): each handle query is a round trip to
    // libtorrent's thread, and adding thousands of torrents made that a good part of each add.
    if (entry.info) entry.totalSize = entry.info->total_size();
    entry.info.reset();  // libtorrent's own copy is the one from now on
    auto pending = std::move(entry.untilAdded);
    entry.untilAdded.clear();
    for (auto& apply : pending) guardedOnTorrent("a change made while adding", id, apply);
    if (!book.findLive(id)) return;
    connectDirectPeers(entry);
    // A torrent's resume data is in the library already (committed with a new one's row, or restored
    // from it); it is saved again only when the user changed it while libtorrent was adding it.
    if (!entry.resumeDataStored || !pending.empty()) resumes.save(entry, false);
    emit(Event{EventType::Added, id, {id}, entry.row.name});
}

void LocalSession::Impl::finishRemoval(TorrentId id) {
    const TorrentEntry* found = book.find(id);
    if (!found) return;
    // This run's transfer of a removed torrent still counts in the session's totals and its history.
    const TorrentEntry& entry = *found;
    removedDownloaded += entry.downloaded.total;
    removedUploaded += entry.uploaded.total;
    const std::int64_t down = entry.downloaded.total - entry.downloaded.persisted;
    const std::int64_t up = entry.uploaded.total - entry.uploaded.persisted;
    if (down > 0 || up > 0)
        removedTraffic.push_back({id, entry.allTimeDownloaded(), entry.allTimeUploaded(), down, up});
    store->removeTorrent(id);
    book.erase(id);
    registry.erase(id);
    recomputeTotals();
    emit(Event{EventType::Removed, id, {id}, {}});
}

void LocalSession::Impl::onRemoved(const lt::torrent_removed_alert& a) {
    const TorrentId id = engine::idFromUserdata(a.userdata);
    if (pendingDeletes.count(a.info_hashes.get_best().to_string()) == 0) finishRemoval(id);
}

void LocalSession::Impl::onDeleted(const lt::torrent_deleted_alert& a) {
    auto it = pendingDeletes.find(a.info_hashes.get_best().to_string());
    if (it == pendingDeletes.end()) return;
    const TorrentId id = it->second;
    pendingDeletes.erase(it);
    finishRemoval(id);
}

void LocalSession::Impl::onDeleteFailed(const lt::torrent_delete_failed_alert& a) {
    auto it = pendingDeletes.find(a.info_hashes.get_best().to_string());
    if (it == pendingDeletes.end()) return;
    const TorrentId id = it->second;
    pendingDeletes.erase(it);
    spdlog::error("torrent {}: deleting its files failed: {}", id, a.error.message());
    emit(Event{EventType::Errored, id, {id}, "deleting files failed: " + a.error.message()});
    finishRemoval(id);
}

// Resume saves are counted for shutdown even when their torrent was removed meanwhile; a removed
// torrent's data must not reach the library again.
void LocalSession::Impl::onResumeSaved(const lt::save_resume_data_alert& a) {
    resumes.landed();
    const TorrentId id = engine::idFromHandle(a.handle);
    if (!book.findLive(id)) return;
    // The event says the save is on disk: it is sent once the writer has committed it.
    store->putResumeData(id, lt::write_resume_data_buf(a.params), [this, id] {
        post([this, id] { emit(Event{EventType::ResumeSaved, id, {id}, {}}); });
    });
}

void LocalSession::Impl::onMetadataReceived(TorrentEntry& entry) {
    const TorrentId id = entry.row.id;
    std::vector<char> metainfo;
    if (auto info = entry.handle.torrent_file()) {
        entry.totalSize = info->total_size();
        metainfo = metainfoFromInfoSection(*info);
        entry.row.name = info->name();
        const InfoHashes hashes = engine::hashesOf(info->info_hashes());
        entry.row.infoHashV1 = hashes.v1;
        entry.row.infoHashV2 = hashes.v2;
        registry.setHashes(id, hashes);
    }
    putRow(entry);
    if (!metainfo.empty()) store->putMetainfo(id, std::move(metainfo));
    resumes.save(entry, false);
    return emit(Event{EventType::MetadataReceived, id, {id}, entry.row.name});
}

void LocalSession::Impl::onFinished(TorrentEntry& entry) {
    const TorrentId id = entry.row.id;
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
    resumes.save(entry, false);
    if (!entry.finishedThisRun && !shuttingDown) {
        entry.finishedThisRun = true;
        // Whoever reacts to Finished reads the status: make it the finished one, not last tick's.
        registry.put(engine::makeStatus(
            entry.handle.status(lt::torrent_handle::query_name | lt::torrent_handle::query_save_path), entry,
            effectiveSettings()));
        recomputeTotals();
        emit(Event{EventType::Finished, id, {id}, {}});
    }
}

// A state change, pause or resume (prev: the state left, for a state change).
void LocalSession::Impl::onStateChanged(TorrentEntry& entry,
                                        std::optional<lt::torrent_status::state_t> prev) {
    if (shuttingDown) return;
    connectDirectPeers(entry);
    // Leaving checking_resume_data changes nothing the library does not hold already: saving then
    // would write every restored torrent again at start (for a large library, a burst of resume
    // data whose peak glibc keeps resident).
    if (prev == lt::torrent_status::checking_resume_data) return;
    resumes.save(entry, true);
}

}  // namespace shoal
