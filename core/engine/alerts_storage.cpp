// Alerts of a torrent's storage: resume data rejected (files gone), disk errors and the fence that ends
// their episode, moves and renames.
#include <spdlog/spdlog.h>

#include <libtorrent/alert_types.hpp>
#include <utility>

#include "engine/engine_impl.h"

namespace shoal {

using engine::TorrentEntry;

void LocalSession::Impl::onResumeRejected(TorrentEntry& entry, const lt::fastresume_rejected_alert& a) {
    // libtorrent would quietly download everything again; the user must hear the files are gone.
    const std::string path = a.file_path() && *a.file_path() ? a.file_path() : entry.row.savePath;
    entry.handle.unset_flags(lt::torrent_flags::auto_managed);
    entry.handle.pause();
    markErrored(entry, "files missing or changed: " + path + ": " + a.error.message());
}

// The fence of afterEarlierDiskJobs(): every disk job issued before it is done.
void LocalSession::Impl::onDiskJobsFlushed(TorrentEntry& entry) {
    auto steps = std::exchange(entry.afterDiskFence, {});
    for (auto& step : steps) step(entry);
}

void LocalSession::Impl::onFileError(TorrentEntry& entry, const lt::file_error_alert& a) {
    if (!entry.afterDiskFence.empty()) {
        spdlog::debug("torrent {}: before the resume: {}", entry.row.id, a.error.message());
        return;
    }
    // A disk error leaves the torrent in upload mode (disk full) or in an error state. If it is in
    // neither, the alert is older than a resume or recheck that already cleared it.
    const lt::torrent_status st = entry.handle.status({});
    if (!(st.flags & lt::torrent_flags::upload_mode) && !st.errc) return;
    markErrored(entry, std::string("disk error on ") + a.filename() + ": " + a.error.message());
}

void LocalSession::Impl::onTorrentError(TorrentEntry& entry, const lt::torrent_error_alert& a) {
    if (!entry.afterDiskFence.empty()) return;  // as for file errors, above
    // A full disk is followed by consequences ("Bad address" from the mapped file); one that comes
    // after a resume already cleared the torrent's error is stale, as file errors can be (above).
    if (!entry.handle.status({}).errc) return;
    markErrored(entry, "torrent error: " + a.error.message());
}

void LocalSession::Impl::onStorageMoved(TorrentEntry& entry, const lt::storage_moved_alert& a) {
    entry.row.savePath = a.storage_path();
    putRow(entry);
    resumes.save(entry, false);
}

void LocalSession::Impl::onStorageMoveFailed(TorrentEntry& entry, const lt::storage_moved_failed_alert& a) {
    const TorrentId id = entry.row.id;
    emit(Event{EventType::Errored,
               id,
               {id},
               std::string("move failed: ") + a.file_path() + ": " + a.error.message()});
}

void LocalSession::Impl::onRenameFailed(TorrentEntry& entry, const lt::file_rename_failed_alert& a) {
    const TorrentId id = entry.row.id;
    emit(Event{EventType::Errored, id, {id}, "rename failed: " + a.error.message()});
}

}  // namespace shoal
